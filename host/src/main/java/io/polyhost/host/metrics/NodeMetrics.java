package io.polyhost.host.metrics;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.host.http.ApiRoutes;
import io.polyhost.host.node.Node;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A node's metrics in the Prometheus text format at {@code GET /metrics} on the private listener.
 *
 * <p>Wire it in three steps: {@link #instrument} the runtimes before the node starts (so service
 * calls are timed), {@link #bind} the started node, and pass this object to the API server as
 * {@link ApiRoutes}. Chain counters are brought up to date when Prometheus scrapes, from the
 * committed blocks, so nothing is added to the block-execution path except the call timers; they
 * count from the height the node had when bound, as Prometheus counters restart with the process.
 */
public final class NodeMetrics implements ApiRoutes {
  /** The path Prometheus scrapes. */
  public static final String PATH = "/metrics";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final CallTimers timers = new CallTimers(registry);
  private @Nullable ChainCounters chain;

  private NodeMetrics() {}

  /** Metrics with nothing bound yet. */
  public static NodeMetrics create() {
    return new NodeMetrics();
  }

  /** The runtimes, each wrapped so that every service call it runs is timed. */
  public Map<Integer, Runtime> instrument(Map<Integer, Runtime> runtimes) {
    Map<Integer, Runtime> timed = new TreeMap<>();
    runtimes.forEach((id, runtime) -> timed.put(id, new TimedRuntime(runtime, timers)));
    return timed;
  }

  /** Follows {@code node}: its chain, its pool and its services. */
  public synchronized void bind(Node node) {
    chain = ChainCounters.follow(node.blockchain(), registry);
    PoolGauges.register(node.pool(), registry);
  }

  /** The metrics in the Prometheus text format, brought up to date. */
  public synchronized String scrape() {
    if (chain != null) {
      chain.catchUp();
    }
    return registry.scrape();
  }

  @Override
  public void registerPrivate(HttpRouting.Builder routing) {
    routing.get(
        PATH,
        (req, res) -> {
          res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
          res.send(scrape().getBytes(StandardCharsets.UTF_8));
        });
  }
}
