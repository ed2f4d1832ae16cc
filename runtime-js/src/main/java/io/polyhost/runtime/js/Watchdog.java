package io.polyhost.runtime.js;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The node-local safety net behind gas: cancels a call that runs longer than the wall-clock limit.
 * Its verdict depends on this machine's speed, so a call it stops is never recorded as failed; the
 * node halts the block instead.
 */
final class Watchdog implements AutoCloseable {
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("polyhost-js-watchdog").unstarted(r));
  private final Duration limit;

  Watchdog(Duration limit) {
    this.limit = limit;
  }

  /** Starts watching a call in {@code guest}; close the result when the call returns. */
  Armed arm(Guest guest) {
    AtomicBoolean fired = new AtomicBoolean();
    ScheduledFuture<?> task =
        timer.schedule(
            () -> {
              fired.set(true);
              guest.close();
            },
            limit.toNanos(),
            TimeUnit.NANOSECONDS);
    return new Armed(task, fired);
  }

  /** One watched call. */
  record Armed(ScheduledFuture<?> task, AtomicBoolean fired) implements AutoCloseable {
    boolean hasFired() {
      return fired.get();
    }

    @Override
    public void close() {
      task.cancel(false);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
