package io.polyhost.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time the benchmark thread spends in measured calls, per operation.
 *
 * <p>On a machine shared with other work, wall-clock throughput says how much of a core the thread
 * got as much as how fast the code is; operations per CPU-second of the thread is the figure for
 * "one core". Background threads (RocksDB flushes and compactions) are not counted.
 */
final class CpuMeter {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long startedNanos;
  private long cpuNanos;
  private long operations;

  /** Call just before a measured call, on its thread. */
  void start() {
    startedNanos = threads.getCurrentThreadCpuTime();
  }

  /** Call just after it, on the same thread, with the operations it did. */
  void stop(long ops) {
    cpuNanos += threads.getCurrentThreadCpuTime() - startedNanos;
    operations += ops;
  }

  /** Prints operations per CPU-second since the last report, and starts counting anew. */
  void report(String what) {
    if (operations > 0 && cpuNanos > 0) {
      System.out.printf(
          "[cpu] %s: %.0f ops per CPU-second of the benchmark thread (%d ops)%n",
          what, operations * 1e9 / cpuNanos, operations);
    }
    cpuNanos = 0;
    operations = 0;
  }
}
