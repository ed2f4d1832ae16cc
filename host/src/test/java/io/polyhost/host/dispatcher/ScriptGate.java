package io.polyhost.host.dispatcher;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A point inside a migration script where the script waits for the test: the script signals that it
 * got there and waits to be released. Lets tests fix the order of script and blocks without
 * sleeping. The waits have a generous limit so that a bug hangs no build; they assert nothing about
 * time.
 */
final class ScriptGate {
  private static final long LIMIT_SECONDS = 60;

  private final CountDownLatch reached = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile @Nullable Thread committer;

  /** Script side: signals arrival, waits for the release (and for the commit, if asked). */
  void pass() throws InterruptedException {
    reached.countDown();
    if (!released.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("The test never released the script");
    }
    Thread waitFor = committer;
    if (waitFor != null) {
      awaitWaitingForScript(waitFor);
    }
  }

  /** Test side: waits until the script is at the gate. */
  void awaitReached() {
    try {
      if (!reached.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("The migration script never reached its gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Lets the script go on. */
  void release() {
    released.countDown();
  }

  /**
   * Lets the script go on once {@code thread} waits for the script's outcome in the dispatcher, so
   * that the script certainly finishes while the commit of a block waits for it.
   */
  void releaseWhileCommitWaits(Thread thread) {
    committer = thread;
    released.countDown();
  }

  private static void awaitWaitingForScript(Thread thread) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
    while (!waitsForScript(thread)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The commit never waited for the script");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  private static boolean waitsForScript(Thread thread) {
    return thread.getState() == Thread.State.WAITING
        && Arrays.stream(thread.getStackTrace())
            .anyMatch(f ->
                f.getClassName().equals(MigrationRunner.class.getName())
                    && f.getMethodName().equals("await"));
  }
}
