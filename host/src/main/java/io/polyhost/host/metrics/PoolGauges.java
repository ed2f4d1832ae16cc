package io.polyhost.host.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyhost.host.pool.TransactionPool;

/** The transaction pool's size, read when scraped. */
final class PoolGauges {
  private PoolGauges() {}

  static void register(TransactionPool pool, MeterRegistry registry) {
    Gauge.builder("polyhost.pool.transactions", pool, TransactionPool::size)
        .description("Transactions received and not yet in a block")
        .register(registry);
    Gauge.builder("polyhost.pool.bytes", pool, TransactionPool::totalBytes)
        .description("Total size of the pooled transactions' signed messages")
        .baseUnit("bytes")
        .register(registry);
  }
}
