package io.polyhost.runtime.java;

import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.storage.StorageException;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs artifact code with the artifact's context class loader and turns what it throws into the
 * outcomes the dispatcher expects (see "Errors" in the package description).
 */
final class PluginCalls {
  /** A call into artifact code. */
  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  private PluginCalls() {}

  /**
   * Runs {@code body} as part of consensus.
   *
   * @throws ExecutionException the body's own, or of kind {@code UNEXPECTED} for any other
   *     exception it throws; storage exceptions and errors pass unchanged
   */
  static void run(ClassLoader loader, Body body) {
    try (LoaderSwap swap = LoaderSwap.to(loader)) {
      body.run();
    } catch (ExecutionException | StorageException e) {
      throw e;
    } catch (Exception e) {
      // The exception object is dropped on purpose: it may be of an artifact's class.
      throw new ExecutionException(ExecutionError.unexpected(describe(e)));
    }
  }

  /** Like {@link #run}, for a body that returns a value. */
  static <T> T get(ClassLoader loader, Callable<T> body) {
    AtomicReference<T> result = new AtomicReference<>();
    run(loader, () -> result.set(body.call()));
    return Objects.requireNonNull(result.get(), "artifact code returned null");
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
