package io.polyhost.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A listener on a loopback address answers requests addressed to a loopback host only. */
class LoopbackHostGuardTest {
  @Test
  void aRequestAddressedToAnotherHostIsRefusedOnALoopbackListener() throws IOException {
    WebServer server = serve("127.0.0.1");
    try {
      int port = server.port();
      assertThat(statusLine(port, "evil.example:" + port)).contains(" 403 ");
      assertThat(statusLine(port, "127.0.0.1.nip.io:" + port)).contains(" 403 ");
      assertThat(statusLine(port, "127.0.0.1:" + port)).contains(" 200 ");
      assertThat(statusLine(port, "localhost:" + port)).contains(" 200 ");
    } finally {
      server.stop();
    }
  }

  @Test
  void aListenerOnAnotherAddressIsNotChecked() throws IOException {
    WebServer server = serve("0.0.0.0");
    try {
      assertThat(statusLine(server.port(), "node.example.org")).contains(" 200 ");
    } finally {
      server.stop();
    }
  }

  private static WebServer serve(String bindHost) {
    return WebServer.builder()
        .host(bindHost)
        .port(0)
        .shutdownHook(false)
        .routing(routing -> {
          Problems.install(routing);
          routing.addFilter(new LoopbackHostGuard(bindHost));
          routing.get("/read", (req, res) -> Json.send(res, Map.of("read", true)));
        })
        .build()
        .start();
  }

  /** A raw request, since HTTP clients will not send a Host other than the one they connect to. */
  private static String statusLine(int port, String host) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /read HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      socket.setSoTimeout(30_000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      String line = in.readLine();
      return line == null ? "" : line;
    }
  }

  @Test
  void loopbackNamesAndLiteralsAreLoopback() {
    for (String host :
        new String[] {"localhost", "LOCALHOST", "api.localhost", "127.0.0.1", "127.1.2.3", "::1"}) {
      assertThat(LoopbackHostGuard.isLoopback(host)).as(host).isTrue();
    }
  }

  @Test
  void otherNamesAreNotEvenIfTheyLookLikeAddresses() {
    for (String host :
        new String[] {
          "evil.example", "127.0.0.1.nip.io", "1.2.3.4.5", "10.0.0.1", "0.0.0.0", "::", "", "local"
        }) {
      assertThat(LoopbackHostGuard.isLoopback(host)).as(host).isFalse();
    }
  }

  @Test
  void theHostPartOfAHostHeader() {
    assertThat(LoopbackHostGuard.hostName("127.0.0.1:8091")).isEqualTo("127.0.0.1");
    assertThat(LoopbackHostGuard.hostName("localhost")).isEqualTo("localhost");
    assertThat(LoopbackHostGuard.hostName("[::1]:8091")).isEqualTo("[::1]");
    assertThat(LoopbackHostGuard.hostName("evil.example:8091")).isEqualTo("evil.example");
    assertThat(LoopbackHostGuard.hostName("a b")).isEmpty();
  }
}
