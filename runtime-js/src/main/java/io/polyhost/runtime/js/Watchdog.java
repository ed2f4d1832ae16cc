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
    return new Armed(guest);
  }

  /** One watched call; a migration rewinds it at every merge. */
  final class Armed implements AutoCloseable {
    private final Guest guest;
    private final AtomicBoolean fired = new AtomicBoolean();
    private ScheduledFuture<?> task;

    private Armed(Guest guest) {
      this.guest = guest;
      this.task = schedule();
    }

    private ScheduledFuture<?> schedule() {
      return timer.schedule(
          () -> {
            fired.set(true);
            guest.close();
          },
          limit.toNanos(),
          TimeUnit.NANOSECONDS);
    }

    boolean hasFired() {
      return fired.get();
    }

    /** Gives the call the full limit again from now, unless the watchdog has already fired. */
    synchronized void rewind() {
      if (task.cancel(false)) {
        task = schedule();
      }
    }

    @Override
    public synchronized void close() {
      task.cancel(false);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
