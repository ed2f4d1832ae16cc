package io.polyhost.host.http;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's headless Chromium driven through {@code chromedriver}'s W3C WebDriver HTTP API with the
 * JDK's HTTP client: the few commands a page test needs (open, find, click, type, read,
 * screenshot), without npm or a Selenium download.
 */
final class Browser implements AutoCloseable {
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * Without these the browser reaches for the network (updates, sync, QUIC probes) and, on a
   * machine without one, hangs on connections.
   */
  private static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--window-size=1400,1500");

  /** Where the browser and its driver are. */
  record Install(Path chromium, Path chromedriver) {}

  private final Process driver;
  private final String session;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  private Browser(Process driver, String base, String session) {
    this.driver = driver;
    this.base = base;
    this.session = session;
  }

  /** {@code chromium} and {@code chromedriver} on the PATH, if both are installed. */
  static Optional<Install> installed() {
    Optional<Path> chromium = onPath("chromium");
    Optional<Path> chromedriver = onPath("chromedriver");
    return chromium.isPresent() && chromedriver.isPresent()
        ? Optional.of(new Install(chromium.get(), chromedriver.get()))
        : Optional.empty();
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin");
    return Stream.of(path.split(java.io.File.pathSeparator))
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * Starts the driver and a browser with a fresh profile in {@code profile}; the driver's log goes
   * to {@code log}.
   */
  static Browser start(Install install, Path profile, Path log) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process driver =
        new ProcessBuilder(install.chromedriver().toString(), "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    String base = "http://127.0.0.1:" + port;
    try {
      awaitReady(base, driver);
      List<String> args =
          Stream.concat(FLAGS.stream(), Stream.of("--user-data-dir=" + profile)).toList();
      Map<String, Object> capabilities =
          Map.of(
              "browserName",
              "chrome",
              "goog:chromeOptions",
              Map.of("binary", install.chromium().toString(), "args", args));
      JsonNode created =
          send(
              HttpClient.newHttpClient(),
              "POST",
              base + "/session",
              Map.of("capabilities", Map.of("alwaysMatch", capabilities)));
      return new Browser(driver, base, created.get("sessionId").asString());
    } catch (Exception e) {
      driver.destroy();
      throw e;
    }
  }

  private static void awaitReady(String base, Process driver) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        if (send(http, "GET", base + "/status", null).get("ready").asBoolean()) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      if (!driver.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("chromedriver did not start; see its log");
      }
      Thread.sleep(100);
    }
  }

  /** Loads {@code url} and waits for the page's load event. */
  void open(String url) throws Exception {
    command("POST", "/url", Map.of("url", url));
  }

  /** The address the page is at, after redirects. */
  String url() throws Exception {
    return command("GET", "/url", null).asString();
  }

  /** The first element {@code css} selects, if any. */
  Optional<String> find(String css) throws Exception {
    try {
      JsonNode found = command("POST", "/element", Map.of("using", "css selector", "value", css));
      return Optional.of(found.get(ELEMENT).asString());
    } catch (WebDriverException e) {
      if (e.error.equals("no such element")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Clicks what {@code css} selects, as a person would (scrolled into view, real events); if the
   * page replaced the element between finding and clicking, finds it again.
   */
  void click(String css) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        command("POST", "/element/" + element(css) + "/click", Map.of());
        return;
      } catch (WebDriverException e) {
        if (!e.error.equals("stale element reference") || attempt == 5) {
          throw e;
        }
      }
    }
  }

  /** Empties the field {@code css} selects and types {@code text} into it. */
  void type(String css, String text) throws Exception {
    String id = element(css);
    command("POST", "/element/" + id + "/clear", Map.of());
    command("POST", "/element/" + id + "/value", Map.of("text", text));
  }

  /** Chooses the option with {@code value} in the {@code select} that {@code css} selects. */
  void choose(String css, String value) throws Exception {
    click(css + " option[value=\"" + value + "\"]");
  }

  /** The visible text of what {@code css} selects, or empty if nothing matches. */
  String text(String css) throws Exception {
    Optional<String> id = find(css);
    if (id.isEmpty()) {
      return "";
    }
    try {
      return command("GET", "/element/" + id.get() + "/text", null).asString();
    } catch (WebDriverException e) {
      // Re-rendered between finding and reading: ask again next time.
      if (e.error.equals("stale element reference")) {
        return "";
      }
      throw e;
    }
  }

  /** Runs {@code script} in the page (a function body; {@code return} gives the result). */
  JsonNode script(String script) throws Exception {
    return command("POST", "/execute/sync", Map.of("script", script, "args", List.of()));
  }

  /** The page as a PNG image. */
  byte[] screenshot() throws Exception {
    return Base64.getDecoder().decode(command("GET", "/screenshot", null).asString());
  }

  private String element(String css) throws Exception {
    return find(css)
        .orElseThrow(() -> new IllegalStateException("Nothing on the page matches " + css));
  }

  private JsonNode command(String method, String path, @Nullable Object body) throws Exception {
    return send(http, method, base + "/session/" + session + path, body);
  }

  /** One WebDriver command: its {@code value}, or the driver's error as an exception. */
  private static JsonNode send(HttpClient http, String method, String url, @Nullable Object body)
      throws IOException, InterruptedException {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofMinutes(2))
            .header("Content-Type", "application/json")
            .method(method, publisher)
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode value = JSON.readTree(response.body()).path("value");
    if (response.statusCode() != 200) {
      throw new WebDriverException(
          value.path("error").asString("unknown error"), value.path("message").asString(""));
    }
    return value;
  }

  /** Ends the session (closing the browser), then the driver. */
  @Override
  public void close() throws Exception {
    try {
      send(http, "DELETE", base + "/session/" + session, null);
    } finally {
      driver.descendants().forEach(ProcessHandle::destroy);
      driver.destroy();
      driver.waitFor();
    }
  }

  /** An error the driver reported, e.g. {@code no such element}. */
  static final class WebDriverException extends IOException {
    private static final long serialVersionUID = 1L;
    final String error;

    WebDriverException(String error, String message) {
      super(error + ": " + message);
      this.error = error;
    }
  }
}
