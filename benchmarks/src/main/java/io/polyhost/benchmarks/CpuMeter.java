package io.polyhost.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.jspecify.annotations.Nullable;

/**
 * The CPU time the benchmark thread spends in measured calls, per operation.
 *
 * <p>On a machine shared with other work, wall-clock throughput says how much of a core the thread
 * got as much as how fast the code is; operations per CPU-second of the thread is the figure for
 * "one core". Background threads (RocksDB flushes and compactions) are not counted; a helper thread
 * the measured code hands work to can be.
 */
final class CpuMeter {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final @Nullable String helperName;
  private String subject = "the benchmark thread";
  private long helperId = -1;
  private long startedNanos;
  private long cpuNanos;
  private long operations;

  /** Counts the benchmark thread only. */
  CpuMeter() {
    this(null);
  }

  /**
   * Counts the benchmark thread and, once it exists, the thread named {@code helperName} that the
   * measured code hands work to (and that works only while a measured call waits for it).
   */
  CpuMeter(@Nullable String helperName) {
    this.helperName = helperName;
  }

  /** Call just before a measured call, on its thread. */
  void start() {
    long helper = helperCpu(); // first: looking the helper up is not part of the measured call
    startedNanos = threads.getCurrentThreadCpuTime() + helper;
  }

  /** Call just after it, on the same thread, with the operations it did. */
  void stop(long ops) {
    long own = threads.getCurrentThreadCpuTime();
    cpuNanos += own + helperCpu() - startedNanos;
    operations += ops;
  }

  private long helperCpu() {
    if (helperName == null) {
      return 0;
    }
    if (helperId < 0) {
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().equals(helperName)) {
          helperId = t.threadId();
          subject = "the benchmark thread and " + helperName;
        }
      }
      if (helperId < 0) {
        return 0;
      }
    }
    return Math.max(0, threads.getThreadCpuTime(helperId));
  }

  /** Prints operations per CPU-second since the last report, and starts counting anew. */
  void report(String what) {
    if (operations > 0 && cpuNanos > 0) {
      System.out.printf(
          "[cpu] %s: %.0f ops per CPU-second of %s (%d ops)%n",
          what, operations * 1e9 / cpuNanos, subject, operations);
    }
    cpuNanos = 0;
    operations = 0;
  }
}
