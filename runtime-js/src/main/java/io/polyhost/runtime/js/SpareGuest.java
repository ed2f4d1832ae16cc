package io.polyhost.runtime.js;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A context built ahead of need, on the engine's preparing thread, so replacing an instance's
 * context (every block, and after running out of gas) costs the block nothing: building one takes
 * tens of milliseconds, mostly freezing the intrinsics. A fresh context is the same on every node
 * whenever it was built, so building it early changes no result.
 */
final class SpareGuest implements AutoCloseable {
  private final Supplier<Guest> build;
  private final Executor executor;
  private @Nullable CompletableFuture<Guest> pending; // guarded by this
  private boolean closed; // guarded by this

  SpareGuest(Supplier<Guest> build, Executor executor) {
    this.build = build;
    this.executor = executor;
  }

  /** Starts building the next context unless one is already under way. */
  synchronized void prepare() {
    if (pending != null || closed) {
      return;
    }
    try {
      pending = CompletableFuture.supplyAsync(build, executor);
    } catch (RejectedExecutionException e) {
      // The runtime is closing: the next context, if any, is built when needed.
    }
  }

  /**
   * The prepared context (waiting for it if it is still being built), or one built now; a
   * preparation that failed is repeated here, so its failure reaches the caller.
   */
  Guest take() {
    CompletableFuture<Guest> prepared;
    synchronized (this) {
      prepared = pending;
      pending = null;
    }
    if (prepared != null) {
      try {
        return prepared.join();
      } catch (CompletionException e) {
        // Built again below, on this thread.
      }
    }
    return build.get();
  }

  /** Closes the prepared context, now or when it is done. */
  @Override
  public void close() {
    CompletableFuture<Guest> prepared;
    synchronized (this) {
      closed = true;
      prepared = pending;
      pending = null;
    }
    if (prepared != null) {
      prepared.thenAccept(Guest::close);
    }
  }
}
