package io.polyhost.host.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.polyhost.api.runtime.InstanceSpec;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One timer per service, call kind and outcome ({@code polyhost_service_call_seconds}), looked up
 * without building meter ids on the hot path: a block may run thousands of calls.
 */
final class CallTimers {
  /** What was called. */
  enum Kind {
    EXECUTE,
    BEFORE_TRANSACTIONS,
    AFTER_TRANSACTIONS;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private record Key(String service, Kind kind, boolean ok) {}

  private final MeterRegistry registry;
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

  CallTimers(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(InstanceSpec service, Kind kind, boolean ok, long nanos) {
    timers
        .computeIfAbsent(new Key(service.name(), kind, ok), this::timer)
        .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private Timer timer(Key key) {
    return Timer.builder("polyhost.service.call")
        .description("Time a service spends in its calls, by service, kind of call and outcome")
        .tag("service", key.service())
        .tag("call", key.kind().label())
        .tag("outcome", key.ok() ? "ok" : "error")
        .register(registry);
  }
}
