package io.polyhost.host.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.polyhost.api.crypto.Hash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The web dashboard, on the private listener: {@code GET /dashboard/} and the few files beside it,
 * and {@code GET /} redirecting there. The page calls the private listener's own API, so its
 * administration buttons are same-origin requests and nothing is fetched from elsewhere.
 *
 * <p>The files are a fixed list of resources read once at construction: a request names one of them
 * exactly or gets a 404, so no part of a URL ever reaches a file system or class-path lookup and
 * path traversal has nothing to work on. They are answered with an {@code ETag} and {@code
 * Cache-Control: no-cache}: a browser revalidates on every load (cheap, 304) and never runs a stale
 * script against a node that was upgraded.
 */
final class Dashboard {
  static final String PATH = "/dashboard/";
  private static final String INDEX = "index.html";
  private static final Map<String, String> FILES =
      Map.of(
          INDEX,
          "text/html; charset=utf-8",
          "dashboard.css",
          "text/css; charset=utf-8",
          "dashboard.js",
          "text/javascript; charset=utf-8",
          "node.js",
          "text/javascript; charset=utf-8",
          "views.js",
          "text/javascript; charset=utf-8");

  /** Only this origin's scripts, styles and API; no frames, no plugins. */
  private static final String POLICY =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  private record Asset(byte[] content, String contentType, String etag) {}

  private final Map<String, Asset> assets = new HashMap<>();

  Dashboard() {
    FILES.forEach((name, type) -> {
      byte[] content = read(name);
      assets.put(name, new Asset(content, type, "\"" + Hash.sha256(content).toHex() + "\""));
    });
  }

  void register(HttpRouting.Builder routing) {
    routing.get("/", (req, res) -> redirect(res));
    routing.get("/dashboard", (req, res) -> redirect(res));
    routing.get(PATH + "*", this::serve);
  }

  private void serve(ServerRequest req, ServerResponse res) {
    String name = req.path().path().substring(PATH.length());
    Asset asset = assets.get(name.isEmpty() ? INDEX : name);
    if (asset == null) {
      throw ApiProblem.notFound(
          "The dashboard has no file '" + name + "'; open " + PATH + " on the private listener");
    }
    res.header(HeaderNames.ETAG, asset.etag());
    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
    res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
    res.header(HeaderNames.create("Content-Security-Policy"), POLICY);
    res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
    boolean unchanged =
        req.headers().first(HeaderNames.IF_NONE_MATCH).map(asset.etag()::equals).orElse(false);
    if (unchanged) {
      res.status(Status.NOT_MODIFIED_304).send();
      return;
    }
    res.header(HeaderNames.CONTENT_TYPE, asset.contentType());
    res.send(asset.content());
  }

  private static void redirect(ServerResponse res) {
    res.status(Status.FOUND_302).header(HeaderNames.LOCATION, PATH).send();
  }

  private static byte[] read(String name) {
    String resource = "dashboard/" + name;
    try (InputStream in =
        Objects.requireNonNull(
            Dashboard.class.getResourceAsStream(resource), "missing resource " + resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the dashboard's " + resource, e);
    }
  }
}
