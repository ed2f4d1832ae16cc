package io.polyhost.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.message.SignedTransaction;
import io.polyhost.host.metrics.NodeMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document the node serves against the running server: every documented operation is
 * routed on the listeners it names, and not on the other one.
 */
class OpenApiIT extends ApiFixture {
  private static final Map<String, String> PATH_VALUES =
      Map.of("{name}", "counter", "{endpoint}", "count");
  private final HttpClient client = HttpClient.newHttpClient();

  @Override
  List<ApiRoutes> extraRoutes() {
    return List.of(NodeMetrics.create());
  }

  @Test
  void everyDocumentedOperationIsRoutedOnItsListeners() throws Exception {
    SignedTransaction tx = transaction(1, 1);
    commit(tx);
    JsonNode doc =
        JsonMapper.builder()
            .build()
            .readTree(fetch(api.publicPort(), "GET", OpenApiDocument.PATH).body());
    assertThat(doc.get("openapi").asString()).startsWith("3.");
    assertThat(fetch(api.privatePort(), "GET", OpenApiDocument.PATH).statusCode()).isEqualTo(200);

    List<String> checked = new ArrayList<>();
    for (String path : doc.get("paths").propertyNames()) {
      JsonNode item = doc.get("paths").get(path);
      for (String method : item.propertyNames()) {
        JsonNode operation = item.get(method);
        String listener = operation.get("x-listener").asString();
        String target = concrete(path) + query(operation, tx);
        String verb = method.toUpperCase(java.util.Locale.ROOT);
        boolean onPublic = !listener.equals("private");
        boolean onPrivate = !listener.equals("public");
        assertRouted(api.publicPort(), verb, target, onPublic);
        assertRouted(api.privatePort(), verb, target, onPrivate);
        checked.add(verb + " " + path);
      }
    }
    assertThat(checked)
        .contains(
            "POST /api/explorer/v1/transactions",
            "POST /api/explorer/v1/transactions/batch",
            "GET /api/explorer/v1/blocks/subscribe",
            "GET /api/services/{name}/{endpoint}",
            "GET /metrics");
  }

  private void assertRouted(int port, String method, String target, boolean expected)
      throws Exception {
    HttpResponse<String> answer = fetch(port, method, target);
    boolean fallback =
        answer.statusCode() == 404 && answer.body().contains("\"detail\":\"No endpoint ");
    assertThat(!fallback)
        .as(
            "%s %s on port %d answered %d %s",
            method, target, port, answer.statusCode(), answer.body())
        .isEqualTo(expected);
    assertThat(answer.statusCode()).as("%s %s", method, target).isLessThan(500);
  }

  /** Required query parameters with values that reach the handler. */
  private static String query(JsonNode operation, SignedTransaction tx) {
    List<String> parts = new ArrayList<>();
    JsonNode parameters = operation.get("parameters");
    if (parameters != null) {
      for (JsonNode parameter : parameters) {
        String name = parameter.get("name").asString();
        if (!parameter.get("in").asString().equals("query")) {
          continue;
        }
        switch (name) {
          case "hash" -> parts.add("hash=" + tx.hash().toHex());
          case "count" -> parts.add("count=1");
          case "height" -> parts.add("height=0");
          // A start far ahead makes the stream answer at once instead of streaming.
          case "from" -> parts.add("from=999999");
          default -> {}
        }
      }
    }
    return parts.isEmpty() ? "" : "?" + String.join("&", parts);
  }

  private static String concrete(String path) {
    String result = path;
    for (var e : PATH_VALUES.entrySet()) {
      result = result.replace(e.getKey(), e.getValue());
    }
    return result;
  }

  private HttpResponse<String> fetch(int port, String method, String target) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target));
    if (method.equals("POST")) {
      request.header("Content-Type", "application/json");
      request.POST(HttpRequest.BodyPublishers.ofString("{\"tx_body\": \"00\"}"));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
