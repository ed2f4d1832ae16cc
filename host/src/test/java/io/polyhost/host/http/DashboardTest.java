package io.polyhost.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's static files: what is served, with which headers, and nothing else. */
class DashboardTest {
  private static final Pattern REFERENCE =
      Pattern.compile("(?:src|href)=\"([^\":]+)\"|from \"\\./([^\"]+)\"");

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
              new Dashboard().register(routing);
              routing.any(Problems::fallback);
            })
            .build()
            .start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void theRootAndTheBareFolderRedirectToThePage() throws Exception {
    for (String path : List.of("/", "/dashboard")) {
      HttpResponse<String> answer = get(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(302);
      assertThat(answer.headers().firstValue("Location")).as(path).hasValue("/dashboard/");
    }
  }

  @Test
  void everyFileThePageReferencesIsServedWithItsTypeAndRevalidated() throws Exception {
    HttpResponse<String> page = get("/dashboard/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).isEqualTo(get("/dashboard/index.html").body());

    List<String> pending = new ArrayList<>(references(page.body()));
    List<String> seen = new ArrayList<>();
    while (!pending.isEmpty()) {
      String file = pending.removeFirst();
      if (seen.contains(file)) {
        continue;
      }
      seen.add(file);
      HttpResponse<String> answer = get("/dashboard/" + file);
      assertThat(answer.statusCode()).as(file).isEqualTo(200);
      String type = file.endsWith(".css") ? "text/css" : "text/javascript";
      assertThat(answer.headers().firstValue("Content-Type"))
          .as(file)
          .hasValue(type + "; charset=utf-8");
      assertThat(answer.headers().firstValue("Cache-Control")).as(file).hasValue("no-cache");
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(answer.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'self'"));
      assertThat(answer.body()).as(file).doesNotContain("http://", "https://");
      pending.addAll(references(answer.body()));
    }
    assertThat(seen).contains("dashboard.css", "dashboard.js", "node.js", "views.js");
  }

  @Test
  void aMatchingETagIsAnsweredWithNotModified() throws Exception {
    HttpResponse<String> first = get("/dashboard/dashboard.js");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again =
        client.send(
            request("/dashboard/dashboard.js").header("If-None-Match", etag).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    HttpResponse<String> stale =
        client.send(
            request("/dashboard/dashboard.js").header("If-None-Match", "\"old\"").build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(stale.statusCode()).isEqualTo(200);
  }

  @Test
  void unknownFilesAreNotFoundWithAProblemDocument() throws Exception {
    HttpResponse<String> answer = get("/dashboard/secret.txt");
    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(answer.body()).contains("The dashboard has no file 'secret.txt'");
  }

  /**
   * Requests written byte for byte (no client normalises them first) that try to leave the
   * dashboard's files: each is refused, or at most answers with one of the dashboard's own files.
   */
  @Test
  void pathTraversalReachesNothingOutsideTheDashboard() throws Exception {
    List<String> own = new ArrayList<>();
    for (String file : List.of("index.html", "dashboard.css", "dashboard.js", "node.js")) {
      own.add(get("/dashboard/" + file).body());
    }
    List<String> attempts =
        List.of(
            "/dashboard/../openapi.json",
            "/dashboard/../../../../../../etc/passwd",
            "/dashboard/..%2fopenapi.json",
            "/dashboard/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
            "/dashboard/%2e%2e/openapi.json",
            "/dashboard/%2e%2e%2f%2e%2e%2fio/polyhost/host/http/openapi.json",
            "/dashboard/..%5copenapi.json",
            "/dashboard/....//....//etc/passwd",
            "/dashboard//etc/passwd",
            "/dashboard/%2fetc%2fpasswd",
            "/dashboard/dashboard.js/../../logback.xml",
            "/dashboard/../Dashboard.class",
            "/dashboard/Dashboard.class",
            "/dashboard/dashboard/index.html",
            "/dashboard/index.html%00.txt",
            "/dashboard/%252e%252e/openapi.json",
            "/dashboard/file:/etc/passwd");
    for (String attempt : attempts) {
      String[] answer = raw(attempt);
      int status = Integer.parseInt(answer[0].split(" ")[1]);
      String body = answer[1];
      if (status == 200) {
        assertThat(own).as(attempt).contains(body);
      } else {
        assertThat(status).as(attempt + " answered " + answer[0]).isBetween(400, 499);
      }
      assertThat(body).as(attempt).doesNotContain("root:", "\"openapi\"", "<configuration");
    }
  }

  /** A request sent as written; the status line and the body of the answer. */
  private String[] raw(String target) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String status = line(in);
      int length = 0;
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(header.substring(header.indexOf(':') + 1).strip());
        }
      }
      return new String[] {status, new String(in.readNBytes(length), StandardCharsets.UTF_8)};
    }
  }

  private static String line(InputStream in) throws Exception {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("The server closed the connection after: " + line);
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  private static List<String> references(String text) {
    List<String> files = new ArrayList<>();
    Matcher matcher = REFERENCE.matcher(text);
    while (matcher.find()) {
      files.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }
    return files;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
  }
}
