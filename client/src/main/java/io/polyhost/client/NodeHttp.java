package io.polyhost.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP to one listener of a node (public or private): answers parsed as JSON, refusals
 * turned into {@link NodeProblemException} with the node's problem detail.
 */
public final class NodeHttp {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  private NodeHttp(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * A transport to the listener at {@code base}, e.g. {@code http://127.0.0.1:8200}.
   *
   * @param timeout the longest a connection or a single answer may take
   * @throws IllegalArgumentException if {@code base} is not an absolute http(s) URL
   */
  public static NodeHttp of(URI base, Duration timeout) {
    String scheme = base.getScheme();
    if (scheme == null
        || !(scheme.equals("http") || scheme.equals("https"))
        || base.getHost() == null) {
      throw new IllegalArgumentException(
          "A node's address is an http(s) URL such as http://127.0.0.1:8200, not '" + base + "'");
    }
    String text = base.toString();
    return new NodeHttp(
        URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text), timeout);
  }

  /** The listener's address. */
  public URI base() {
    return base;
  }

  /**
   * {@code GET path?query}.
   *
   * @param path starting with {@code /}
   * @throws NodeProblemException if the node refuses
   * @throws NodeUnreachableException if it does not answer
   * @throws MalformedAnswerException if the answer is not JSON
   */
  public JsonNode get(String path, Map<String, List<String>> query) {
    return send(HttpRequest.newBuilder(uri(path, query)).GET());
  }

  /** {@code GET path} with no query; as {@link #get(String, Map)}. */
  public JsonNode get(String path) {
    return get(path, Map.of());
  }

  /** {@code POST path} with a JSON {@code body}; as {@link #get(String, Map)}. */
  public JsonNode post(String path, JsonNode body) {
    return send(
        HttpRequest.newBuilder(uri(path, Map.of()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  private URI uri(String path, Map<String, List<String>> query) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("A path starts with '/': " + path);
    }
    StringJoiner q = new StringJoiner("&");
    query.forEach((name, values) -> values.forEach(v -> q.add(encode(name) + "=" + encode(v))));
    String separator = path.contains("?") ? "&" : "?";
    return URI.create(base + path + (q.length() == 0 ? "" : separator + q));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpRequest built = request.timeout(timeout).header("Accept", "application/json").build();
    HttpResponse<String> response;
    try {
      response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new NodeUnreachableException(
          "The node at "
              + base
              + " does not answer "
              + built.method()
              + " "
              + built.uri().getPath()
              + ": "
              + describe(e)
              + "; is it running, and is this its address?",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeUnreachableException("Interrupted while waiting for " + built.uri(), e);
    }
    int status = response.statusCode();
    if (status >= 300) {
      throw problem(status, response.body(), built);
    }
    try {
      return JSON.readTree(response.body());
    } catch (JacksonException e) {
      throw new MalformedAnswerException(
          built.method()
              + " "
              + built.uri()
              + " answered "
              + status
              + " with a body that is not"
              + " JSON: "
              + abbreviate(response.body()),
          e);
    }
  }

  private static NodeProblemException problem(int status, String body, HttpRequest request) {
    String where = request.method() + " " + request.uri().getPath();
    try {
      JsonNode json = JSON.readTree(body);
      JsonNode detail = json.get("detail");
      if (detail != null && detail.isString()) {
        JsonNode title = json.get("title");
        return new NodeProblemException(
            status,
            title != null && title.isString() ? title.asString() : where,
            detail.asString());
      }
    } catch (JacksonException e) {
      // Not a problem document (a proxy's page, say): report the body as it is.
    }
    return new NodeProblemException(status, where, where + " answered " + abbreviate(body));
  }

  private static String describe(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  static String abbreviate(String text) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 200 ? "'" + oneLine + "'" : "'" + oneLine.substring(0, 200) + "...'";
  }
}
