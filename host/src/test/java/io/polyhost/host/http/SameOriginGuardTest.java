package io.polyhost.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Changes from pages of other origins are refused; the page's own, programs and reads are not. */
class SameOriginGuardTest {
  private WebServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(0)
            .shutdownHook(false)
            .routing(routing -> {
              Problems.install(routing);
              routing.addFilter(new SameOriginGuard());
              routing.post("/change", (req, res) -> Json.send(res, Map.of("done", true)));
              routing.get("/read", (req, res) -> Json.send(res, Map.of("read", true)));
            })
            .build()
            .start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void aChangeFromAnotherOriginIsRefused() throws Exception {
    for (String origin :
        new String[] {
          "http://evil.example", "http://127.0.0.1:1", "https://127.0.0.1:" + server.port(), "null"
        }) {
      HttpResponse<String> answer = post(origin);
      assertThat(answer.statusCode()).as(origin).isEqualTo(403);
      assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(answer.body()).as(origin).contains("not from a page of " + origin);
    }
  }

  @Test
  void theListenersOwnPagesProgramsAndReadsPass() throws Exception {
    assertThat(post("http://127.0.0.1:" + server.port()).statusCode()).isEqualTo(200);
    assertThat(post(null).statusCode()).as("no Origin: a program").isEqualTo(200);
    HttpResponse<String> read =
        client.send(
            request("/read").header("Origin", "http://evil.example").build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(read.statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> post(@Nullable String origin) throws Exception {
    HttpRequest.Builder request =
        request("/change").POST(HttpRequest.BodyPublishers.ofString("{}"));
    if (origin != null) {
      request.header("Origin", origin);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
  }
}
