package io.polyhost.runtime.java;

import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.storage.StorageException;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs artifact code with the artifact's context class loader and a {@link MeterScope}, and turns
 * what it throws into the outcomes the dispatcher expects (see "Errors" in the package
 * description). A meter that stopped the call decides the outcome, whatever the code threw or
 * returned after; an error of the JVM always halts.
 */
final class PluginCalls {
  /** A call into artifact code. */
  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  private PluginCalls() {}

  /**
   * Runs {@code body} as part of consensus, metered within {@code limits}.
   *
   * @throws ExecutionException the body's own; of {@link JavaRuntimeError#OUT_OF_GAS} or {@link
   *     JavaRuntimeError#CALL_TOO_DEEP} if the meter stopped it; or of kind {@code UNEXPECTED} for
   *     any other exception it throws. Storage exceptions and errors pass unchanged; a {@link
   *     NodeFaultException} if it ran past the wall clock
   */
  static void run(ClassLoader loader, GasLimits limits, Body body) {
    try (LoaderSwap swap = LoaderSwap.to(loader);
        MeterScope scope = MeterScope.forCall(limits)) {
      call(scope, body);
    }
  }

  /** Like {@link #run}, for a body that returns a value. */
  static <T> T get(ClassLoader loader, GasLimits limits, Callable<T> body) {
    AtomicReference<T> result = new AtomicReference<>();
    run(loader, limits, () -> result.set(body.call()));
    return Objects.requireNonNull(result.get(), "artifact code returned null");
  }

  /**
   * Runs {@code body} in an open {@code scope} and gives its outcome as described at {@link #run}.
   */
  static void call(MeterScope scope, Body body) {
    try {
      body.run();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) {
      scope.verdict();
      throw outcome(t, scope);
    }
    scope.verdict();
  }

  private static RuntimeException outcome(Throwable thrown, MeterScope scope) {
    if (thrown instanceof ExecutionException || thrown instanceof StorageException) {
      return (RuntimeException) thrown;
    }
    if (thrown instanceof Error e) {
      throw e;
    }
    String description;
    try {
      description = describe(thrown); // may run artifact code: its getMessage()
    } catch (MeterStop stop) {
      scope.verdict();
      throw new IllegalStateException("A meter stop without a stopped meter", stop);
    }
    // The exception object is dropped on purpose: it may be of an artifact's class.
    return new ExecutionException(ExecutionError.unexpected(description));
  }

  /** {@code class: message}, for an error's description. */
  static String describe(Throwable e) {
    return e.getClass().getName() + ": " + e.getMessage();
  }

  /** Rethrows what a method handle threw, keeping its type for {@link #run}. */
  static Exception rethrow(Throwable t) {
    if (t instanceof Error e) {
      throw e;
    }
    if (t instanceof Exception e) {
      return e;
    }
    throw new IllegalStateException("A throwable that is neither Exception nor Error", t);
  }
}
