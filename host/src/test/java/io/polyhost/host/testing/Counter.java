package io.polyhost.host.testing;

import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.storage.ProofEntry;
import io.polyhost.api.storage.Serializers;

/**
 * A small service for tests. Methods: 0 runs {@link Actions}; 1 adds one to {@code count}; 2 adds
 * one and then fails with service error 3; 3 adds one and then throws a plain exception; 4 adds one
 * to the caller-independent {@code hooks} entry (also done by both block hooks when enabled).
 */
public final class Counter implements TestService {
  private final boolean countHooks;

  public Counter(boolean countHooks) {
    this.countHooks = countHooks;
  }

  public Counter() {
    this(false);
  }

  public static ProofEntry<Long> count(io.polyhost.api.storage.IndexAccess data) {
    return data.proofEntry("count", Serializers.int64());
  }

  /** The count of the service named {@code name} in {@code chain}'s committed state. */
  public static long countOf(TestChain chain, String name) {
    return chain.read(d ->
        d.forService(io.polyhost.api.runtime.InstanceQuery.name(name))
            .map(data -> count(data).get().orElse(0L))
            .orElseThrow(() -> new AssertionError(name + " is not readable")));
  }

  @Override
  public void initialize(ExecutionContext context, byte[] parameters) {
    if (parameters.length > 0 && parameters[0] == 'x') {
      throw ExecutionException.service(7, "The constructor refuses 'x'");
    }
    count(context.serviceData()).set(0L);
  }

  @Override
  public void execute(ExecutionContext context, int methodId, byte[] arguments) {
    switch (methodId) {
      case 0 -> Actions.run(context, arguments);
      case 1 -> increment(context);
      case 2 -> {
        increment(context);
        throw ExecutionException.service(3, "Refused after writing");
      }
      case 3 -> {
        increment(context);
        throw new IllegalStateException("boom");
      }
      default -> TestService.super.execute(context, methodId, arguments);
    }
  }

  @Override
  public void beforeTransactions(ExecutionContext context) {
    if (countHooks) {
      increment(context);
    }
  }

  @Override
  public void afterTransactions(ExecutionContext context) {
    if (countHooks) {
      increment(context);
    }
  }

  private static void increment(ExecutionContext context) {
    var count = count(context.serviceData());
    count.set(count.get().orElse(0L) + 1);
  }
}
