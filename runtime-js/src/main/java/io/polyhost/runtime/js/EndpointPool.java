package io.polyhost.runtime.js;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The contexts one service instance answers read endpoints with. Endpoints are called from HTTP
 * threads, concurrently with each other and with block execution, and a context is single-threaded,
 * so they never use the instance's own context: each request borrows one of at most {@value
 * #MAX_CONTEXTS} contexts of its own, built on first need, and the pool keeps {@value #MAX_IDLE} of
 * them for later requests. That bounds what a flood of requests can make the node hold.
 */
final class EndpointPool implements AutoCloseable {
  /** The most contexts answering requests of one instance at once. */
  static final int MAX_CONTEXTS = 4;

  /** The most contexts kept between requests. */
  static final int MAX_IDLE = 2;

  private final Supplier<Guest> factory;
  private final Semaphore permits = new Semaphore(MAX_CONTEXTS);
  private final Deque<Guest> idle = new ArrayDeque<>(); // guarded by this
  private boolean closed; // guarded by this

  EndpointPool(Supplier<Guest> factory) {
    this.factory = factory;
  }

  /**
   * A context for one request, or empty if all are busy for longer than {@code patience}; give it
   * back with {@link #release}.
   */
  Optional<Guest> borrow(Duration patience) throws InterruptedException {
    if (!permits.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS)) {
      return Optional.empty();
    }
    try {
      Guest reused = takeIdle();
      return Optional.of(reused != null ? reused : factory.get());
    } catch (RuntimeException | Error e) {
      permits.release();
      throw e;
    }
  }

  /** Gives {@code guest} back: kept for reuse if it is {@code healthy}, closed otherwise. */
  void release(Guest guest, boolean healthy) {
    boolean keep;
    synchronized (this) {
      keep = healthy && !closed && idle.size() < MAX_IDLE;
      if (keep) {
        idle.push(guest);
      }
    }
    if (!keep) {
      guest.close();
    }
    permits.release();
  }

  private synchronized @Nullable Guest takeIdle() {
    if (closed) {
      throw new IllegalStateException("The service instance was dropped on this node");
    }
    return idle.poll();
  }

  /** Closes the idle contexts; borrowed ones are closed when they come back. */
  @Override
  public void close() {
    Guest[] toClose;
    synchronized (this) {
      closed = true;
      toClose = idle.toArray(Guest[]::new);
      idle.clear();
    }
    for (Guest guest : toClose) {
      guest.close();
    }
  }
}
