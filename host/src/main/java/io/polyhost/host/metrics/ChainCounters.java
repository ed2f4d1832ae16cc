package io.polyhost.host.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.polyhost.api.blockchain.Block;
import io.polyhost.api.error.CallSite;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.host.blockchain.Blockchain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of what the chain committed (blocks, transactions, call errors by kind and service) and
 * gauges of its height and services by status, brought up to date from the committed blocks when
 * scraped.
 */
final class ChainCounters {
  private final Blockchain chain;
  private final MeterRegistry registry;
  private final Counter blocks;
  private final Counter transactions;
  private final MultiGauge services;
  private long seen;

  private ChainCounters(Blockchain chain, MeterRegistry registry) {
    this.chain = chain;
    this.registry = registry;
    this.seen = chain.height();
    this.blocks =
        Counter.builder("polyhost.blocks.committed")
            .description("Blocks committed since the node started")
            .register(registry);
    this.transactions =
        Counter.builder("polyhost.transactions.committed")
            .description("Transactions committed since the node started")
            .register(registry);
    Gauge.builder("polyhost.block.height", chain, Blockchain::height)
        .description("Height of the latest committed block")
        .register(registry);
    this.services =
        MultiGauge.builder("polyhost.services")
            .description("Service instances by status (active, frozen, stopped, migrating)")
            .register(registry);
  }

  static ChainCounters follow(Blockchain chain, MeterRegistry registry) {
    return new ChainCounters(chain, registry);
  }

  /** Counts the blocks committed since the last call and refreshes the service gauges. */
  void catchUp() {
    long height = chain.height();
    for (long h = seen + 1; h <= height; h++) {
      long at = h;
      chain.read(core -> {
        Block block = core.block(at).orElseThrow();
        blocks.increment();
        transactions.increment(block.txCount());
        core.callErrors(at).all().values().forEach(this::countError);
        return block;
      });
    }
    seen = height;
    refreshServices();
  }

  private void countError(ExecutionError error) {
    String service =
        error
            .callSite()
            .map(CallSite::instanceId)
            .map(id ->
                chain.readState(data ->
                    data.instance(InstanceQuery.id(id))
                        .map(s -> s.spec().name())
                        .orElse("#" + Integer.toUnsignedString(id))))
            .orElse("none");
    Counter.builder("polyhost.call.errors")
        .description("Failed calls (transactions and hooks) committed, by error kind and service")
        .tags(Tags.of("kind", error.kind().label(), "service", service))
        .register(registry)
        .increment();
  }

  private void refreshServices() {
    Map<String, Integer> byStatus = new TreeMap<>();
    for (String status : List.of("active", "frozen", "stopped", "migrating")) {
      byStatus.put(status, 0);
    }
    chain.readState(data -> {
      for (InstanceState state : data.instances()) {
        state.status().ifPresent(s -> byStatus.merge(s.label(), 1, Integer::sum));
      }
      return byStatus;
    });
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    byStatus.forEach(
        (status, count) -> rows.add(MultiGauge.Row.of(Tags.of("status", status), count)));
    services.register(rows, true);
  }
}
