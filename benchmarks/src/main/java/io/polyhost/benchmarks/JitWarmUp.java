package io.polyhost.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Runs a workload in rounds until the JIT compilers have gone quiet, so that JMH's iterations
 * measure compiled code rather than the compilers.
 *
 * <p>JMH warms up for a fixed time, but the JIT's work is counted in calls and done by compiler
 * threads that compete for the same cores as everything else: on a loaded two-core machine the C2
 * compilations of a block's code went on for five iterations of two seconds. Waiting for the
 * compilers' accumulated time to stop growing adapts to the load; the cap keeps a JIT that never
 * settles (or a background compilation of unrelated code) from stalling the run.
 */
final class JitWarmUp {
  /** Rounds in a row without new compilation time that count as quiet. */
  static final int QUIET_ROUNDS = 3;

  /** Compilation time, in milliseconds, a round may add and still count as quiet. */
  static final long QUIET_MILLIS = 2;

  private JitWarmUp() {}

  /** What a warm-up did: the rounds it ran, and whether it ended because the JIT was quiet. */
  record Outcome(int rounds, boolean quiet) {}

  /**
   * Runs {@code round} at least {@code minRounds} times, then until {@link #QUIET_ROUNDS} rounds in
   * a row add at most {@link #QUIET_MILLIS} of compilation time, or {@code maxSeconds} pass; prints
   * what it did.
   *
   * @throws IllegalArgumentException if {@code minRounds} or {@code maxSeconds} is negative
   * @throws IllegalStateException if the JVM does not report its compilation time
   */
  static Outcome untilQuiet(String what, Runnable round, int minRounds, long maxSeconds) {
    if (minRounds < 0 || maxSeconds < 0) {
      throw new IllegalArgumentException(
          "minRounds and maxSeconds must be at least 0: " + minRounds + ", " + maxSeconds);
    }
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      throw new IllegalStateException("This JVM does not report its compilation time");
    }
    long started = System.nanoTime();
    long deadline = started + maxSeconds * 1_000_000_000L;
    long compiledBefore = jit.getTotalCompilationTime();
    long last = compiledBefore;
    int rounds = 0;
    int quiet = 0;
    while (rounds < minRounds || (quiet < QUIET_ROUNDS && System.nanoTime() < deadline)) {
      round.run();
      rounds++;
      long now = jit.getTotalCompilationTime();
      quiet = now - last <= QUIET_MILLIS ? quiet + 1 : 0;
      last = now;
    }
    System.out.printf(
        "[warm-up] %s: %d rounds in %.1f s, %d ms of compilation, %s%n",
        what,
        rounds,
        (System.nanoTime() - started) / 1e9,
        last - compiledBefore,
        quiet >= QUIET_ROUNDS ? "JIT quiet" : "stopped at the time cap, JIT NOT quiet");
    return new Outcome(rounds, quiet >= QUIET_ROUNDS);
  }
}
