package io.polyhost.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One kept-alive HTTP/1.1 connection that sends POST requests one after another and reads each
 * answer whole: what a submitting connection of the load generator needs, and nothing more.
 *
 * <p>The JDK's {@code HttpClient} took about 18 µs of the generator's CPU per transfer (its
 * selector and worker threads, futures and header maps for every request), on the two cores the
 * node needs; this writes the request line and three headers and reads the status line, the headers
 * and a {@code Content-Length} or chunked body on the calling thread.
 */
final class PostConnection implements AutoCloseable {
  private static final int TIMEOUT_MILLIS = 120_000;

  /** A status and a body. */
  record Answer(int status, byte[] body) {}

  private final String host;
  private final int port;
  private @Nullable Socket socket;
  private @Nullable InputStream in;
  private @Nullable OutputStream out;

  PostConnection(URI server) {
    this.host = server.getHost();
    this.port = server.getPort();
    if (host == null || port < 0) {
      throw new IllegalArgumentException("Give the node's URL with a host and a port: " + server);
    }
  }

  /**
   * Posts {@code body} to {@code path} and returns the answer. A kept connection the server closed
   * while idle is opened again once, if the server sent nothing back.
   *
   * @throws IOException if the exchange fails
   */
  Answer post(String path, String contentType, byte[] body) throws IOException {
    boolean reused = socket != null;
    try {
      return exchange(path, contentType, body);
    } catch (StaleConnection e) {
      close();
      if (!reused) {
        throw e;
      }
      return exchange(path, contentType, body);
    }
  }

  /** The server closed a kept connection before reading the request: safe to send it again. */
  private static final class StaleConnection extends IOException {
    private static final long serialVersionUID = 1L;

    StaleConnection(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  private Answer exchange(String path, String contentType, byte[] body) throws IOException {
    if (socket == null) {
      open();
    }
    OutputStream o = java.util.Objects.requireNonNull(out);
    InputStream i = java.util.Objects.requireNonNull(in);
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + ":"
            + port
            + "\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    try {
      o.write(head.getBytes(StandardCharsets.US_ASCII));
      o.write(body);
      o.flush();
    } catch (IOException e) {
      throw new StaleConnection("Cannot write to the connection: " + e.getMessage(), e);
    }
    String status = line(i, true);
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("Not an HTTP/1.1 status line: " + status);
    }
    int code = Integer.parseInt(parts[1]);
    long length = -1;
    boolean chunked = false;
    boolean closing = false;
    for (String header = line(i, false); !header.isEmpty(); header = line(i, false)) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).strip();
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> closing = value.equalsIgnoreCase("close");
        default -> {}
      }
    }
    byte[] answer;
    if (chunked) {
      answer = chunks(i);
    } else if (length >= 0) {
      answer = exactly(i, Math.toIntExact(length));
    } else {
      answer = i.readAllBytes(); // the body runs to the end of the connection
      closing = true;
    }
    if (closing) {
      close();
    }
    return new Answer(code, answer);
  }

  private void open() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.setSoTimeout(TIMEOUT_MILLIS);
    s.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
    socket = s;
    in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
    out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
  }

  private static byte[] chunks(InputStream i) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(i, false);
      int semicolon = size.indexOf(';');
      int length =
          Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
      if (length == 0) {
        while (!line(i, false).isEmpty()) {
          // trailers, ignored
        }
        return body.toByteArray();
      }
      body.writeBytes(exactly(i, length));
      line(i, false); // the CRLF after the chunk
    }
  }

  private static byte[] exactly(InputStream i, int length) throws IOException {
    byte[] bytes = i.readNBytes(length);
    if (bytes.length < length) {
      throw new IOException("The answer ended after " + bytes.length + " of " + length + " bytes");
    }
    return bytes;
  }

  /**
   * One header line without its CRLF.
   *
   * @param first whether it is the status line: an end of stream before it means the server closed
   *     the kept connection
   */
  private static String line(InputStream i, boolean first) throws IOException {
    StringBuilder text = new StringBuilder(64);
    while (true) {
      int b = i.read();
      if (b < 0) {
        if (first && text.isEmpty()) {
          throw new StaleConnection("The server closed the connection", null);
        }
        throw new IOException("The answer ended inside a header line: " + text);
      }
      if (b == '\n') {
        int end = text.length();
        if (end > 0 && text.charAt(end - 1) == '\r') {
          text.setLength(end - 1);
        }
        return text.toString();
      }
      text.append((char) b);
    }
  }

  @Override
  public void close() {
    Socket s = socket;
    socket = null;
    in = null;
    out = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // Closing a socket we no longer use; nothing to do.
      }
    }
  }
}
