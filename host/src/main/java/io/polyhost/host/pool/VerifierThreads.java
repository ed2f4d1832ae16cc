package io.polyhost.host.pool;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The pool's signature-checking threads. */
final class VerifierThreads {
  /** The name prefix of verifier threads, so thread dumps and tests can tell them apart. */
  static final String NAME_PREFIX = "pool-verifier-";

  private VerifierThreads() {}

  /**
   * A fixed set of daemon threads with an unbounded queue; the pool bounds the queue itself by
   * counting messages awaiting verification.
   */
  static ExecutorService start(int threads) {
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory factory =
        task -> {
          Thread thread = new Thread(task, NAME_PREFIX + counter.incrementAndGet());
          // Daemon: a pool left open must not keep the JVM alive; close() stops them orderly.
          thread.setDaemon(true);
          return thread;
        };
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    executor.prestartAllCoreThreads();
    return executor;
  }
}
