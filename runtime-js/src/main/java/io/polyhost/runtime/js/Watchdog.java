package io.polyhost.runtime.js;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node-local safety net behind gas: cancels a call that runs longer than the wall-clock limit.
 * Its verdict depends on this machine's speed, so a call it stops is never recorded as failed; the
 * node halts the block instead.
 *
 * <p>Calls register while they run and one timer looks at them every tenth of the limit (at most
 * every second), so a call is cancelled between the limit and 1.1 times it. A timer task per call
 * would cost every call a scheduling and leave its cancelled task queued until the limit passes: at
 * tens of thousands of calls a second and a 30-second limit, a million dead tasks.
 */
final class Watchdog implements AutoCloseable {
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("polyhost-js-watchdog").unstarted(r));
  private final Set<Armed> running = ConcurrentHashMap.newKeySet();
  private final long limitNanos;

  Watchdog(Duration limit) {
    this.limitNanos = limit.toNanos();
    long period = Math.clamp(limitNanos / 10, TimeUnit.MILLISECONDS.toNanos(1), 1_000_000_000L);
    timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.NANOSECONDS);
  }

  /** Starts watching a call in {@code guest}; close the result when the call returns. */
  Armed arm(Guest guest) {
    Armed armed = new Armed(guest);
    running.add(armed);
    return armed;
  }

  private void check() {
    long now = System.nanoTime();
    for (Armed armed : running) {
      if (armed.expire(now)) {
        armed.guest.close(); // outside the lock: closing waits for the call to leave the guest
      }
    }
  }

  /** One watched call; a migration rewinds it at every merge. */
  final class Armed implements AutoCloseable {
    private final Guest guest;
    private long started = System.nanoTime(); // guarded by this
    private volatile boolean fired;

    private Armed(Guest guest) {
      this.guest = guest;
    }

    /** Marks the call as cancelled if it has run past the limit; true if it has just been. */
    private synchronized boolean expire(long now) {
      if (fired || now - started < limitNanos) {
        return false;
      }
      fired = true;
      return true;
    }

    boolean hasFired() {
      return fired;
    }

    /** Gives the call the full limit again from now, unless the watchdog has already fired. */
    synchronized void rewind() {
      if (!fired) {
        started = System.nanoTime();
      }
    }

    @Override
    public void close() {
      running.remove(this);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
