package io.polyhost.host.http;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.polyhost.host.node.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/system/v1/}: {@code info} and {@code stats} (private listener), {@code health} and
 * {@code ready} (both listeners, for load balancers and supervisors of the process).
 */
final class SystemEndpoints {
  private final Node node;
  private final Map<Integer, String> runtimes;
  private final Instant started = Instant.now();

  SystemEndpoints(Node node, Map<Integer, String> runtimes) {
    this.node = node;
    this.runtimes = Map.copyOf(runtimes);
  }

  void registerPrivate(HttpRouting.Builder routing) {
    routing.get("/api/system/v1/info", this::info);
    routing.get("/api/system/v1/stats", this::stats);
    registerProbes(routing);
  }

  void registerProbes(HttpRouting.Builder routing) {
    routing.get("/api/system/v1/health", (req, res) -> Json.send(res, Map.of("status", "up")));
    routing.get("/api/system/v1/ready", this::ready);
  }

  private void info(ServerRequest req, ServerResponse res) {
    List<Map<String, Object>> runtimeList =
        runtimes.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> Map.<String, Object>of("id", e.getKey(), "name", e.getValue()))
            .toList();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", ApiServer.version());
    json.put("height", node.blockchain().height());
    json.put("pool_size", node.pool().size());
    json.put("runtimes", runtimeList);
    Json.send(res, json);
  }

  private void stats(ServerRequest req, ServerResponse res) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("height", node.blockchain().height());
    json.put("tx_pool_size", node.pool().size());
    json.put("tx_pool_bytes", node.pool().totalBytes());
    json.put("last_block_time", node.blockchain().lastBlock().time().toString());
    json.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
    Json.send(res, json);
  }

  private void ready(ServerRequest req, ServerResponse res) {
    if (node.termination().toCompletableFuture().isDone()) {
      throw ApiProblem.unavailable(
          "Block production has stopped; the node's log says why. Restart the node");
    }
    Json.send(res, Map.of("status", "ready", "height", node.blockchain().height()));
  }
}
