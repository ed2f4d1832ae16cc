package io.polyhost.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PostConnectionTest {
  /**
   * A server that answers each request on a connection with the next of {@code answers} (raw
   * bytes), closing the connection after the requests in {@code closeAfter}; records the bodies.
   */
  private static final class FakeServer implements AutoCloseable {
    final ServerSocket socket;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> answers;
    final int closeAfter;
    final Thread thread;

    FakeServer(int closeAfter, String... answers) throws IOException {
      this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
      this.answers = List.of(answers);
      this.closeAfter = closeAfter;
      this.thread = Thread.ofPlatform().daemon().start(this::serve);
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    private void serve() {
      int next = 0;
      try {
        while (next < answers.size()) {
          try (Socket s = socket.accept()) {
            BufferedReader in =
                new BufferedReader(
                    new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            for (int served = 0; served < closeAfter && next < answers.size(); served++) {
              int length = 0;
              for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                  length = Integer.parseInt(line.substring(15).strip());
                }
              }
              char[] body = new char[length];
              int read = 0;
              while (read < length) {
                read += in.read(body, read, length - read);
              }
              bodies.add(new String(body));
              out.write(answers.get(next++).getBytes(StandardCharsets.UTF_8));
              out.flush();
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // the test closed the server
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static String answer(int status, String body) {
    return "HTTP/1.1 "
        + status
        + " X\r\nContent-Type: application/json\r\ncontent-length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  @Test
  void sendsRequestsOneAfterAnotherOnOneConnection() throws IOException {
    try (FakeServer server =
            new FakeServer(10, answer(200, "{\"a\":1}"), answer(503, "{\"b\":2}"));
        PostConnection connection = new PostConnection(server.uri())) {
      PostConnection.Answer first = connection.post("/x", "application/octet-stream", bytes("one"));
      PostConnection.Answer second =
          connection.post("/x", "application/octet-stream", bytes("two"));

      assertThat(first.status()).isEqualTo(200);
      assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
      assertThat(second.status()).isEqualTo(503);
      assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("{\"b\":2}");
      assertThat(server.bodies).containsExactly("one", "two");
    }
  }

  @Test
  void readsAChunkedAnswer() throws IOException {
    String chunked =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n3;x=y\r\nefg\r\n0\r\n\r\n";
    try (FakeServer server = new FakeServer(10, chunked, answer(200, "next"));
        PostConnection connection = new PostConnection(server.uri())) {
      assertThat(connection.post("/x", "text/plain", bytes("a")).body())
          .isEqualTo(bytes("abcdefg"));
      assertThat(connection.post("/x", "text/plain", bytes("b")).body()).isEqualTo(bytes("next"));
    }
  }

  @Test
  void opensTheConnectionAgainWhenTheServerClosedItWhileIdle() throws IOException {
    try (FakeServer server = new FakeServer(1, answer(200, "1"), answer(200, "2"));
        PostConnection connection = new PostConnection(server.uri())) {
      assertThat(connection.post("/x", "text/plain", bytes("a")).body()).isEqualTo(bytes("1"));
      assertThat(connection.post("/x", "text/plain", bytes("b")).body()).isEqualTo(bytes("2"));
      assertThat(server.bodies).containsExactly("a", "b");
    }
  }

  @Test
  void failsWhenAFreshConnectionIsClosedWithoutAnAnswer() throws IOException {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread closer =
          Thread.ofPlatform()
              .daemon()
              .start(() -> {
                try {
                  Socket s = silent.accept();
                  accepted.add(s);
                  s.getInputStream().read();
                  s.close();
                } catch (IOException e) {
                  // the test ends
                }
              });
      try (PostConnection connection =
          new PostConnection(URI.create("http://127.0.0.1:" + silent.getLocalPort()))) {
        assertThatThrownBy(() -> connection.post("/x", "text/plain", bytes("a")))
            .isInstanceOf(IOException.class);
      }
      closer.interrupt();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
