package io.polyhost.runtime.java;

import java.time.Duration;

/**
 * How much one call into artifact code may do. Gas and stack are deterministic, so they must be the
 * same on every node of a network (they are part of consensus, like the code itself); the wall
 * clock is a node-local safety net.
 *
 * <p>Instrumented artifact code charges one unit of gas on every method entry, backward branch and
 * exception handler, one per 8 bytes of every array it allocates, and for the JDK calls whose work
 * grows with an argument (see the package description). A call that runs out fails with {@link
 * JavaRuntimeError#OUT_OF_GAS} on every node. Nested artifact calls add up the sizes of their
 * frames (locals + operand stack + 8 slots); beyond {@code maxStackSlots} a call fails with {@link
 * JavaRuntimeError#CALL_TOO_DEEP}, long before the JVM's own stack (1 MiB by default) overflows.
 *
 * @param gasPerCall the gas of one call: a transaction with its child calls, a hook, a constructor,
 *     an after-commit hook, a read endpoint, a deploy's class initialization
 * @param gasPerMigration the gas of one migration script, which may have a whole data set to go
 *     through
 * @param maxStackSlots the stack one call may build up, in 8-byte slots
 * @param wallClockPerCall how long one call may run; beyond it the node halts the block rather than
 *     record a result, as the time is not the same on every node. Migration scripts have no
 *     wall-clock limit.
 */
public record GasLimits(
    long gasPerCall, long gasPerMigration, int maxStackSlots, Duration wallClockPerCall) {
  /**
   * Checks the limits.
   *
   * @throws IllegalArgumentException if a limit is not positive
   */
  public GasLimits {
    if (gasPerCall <= 0 || gasPerMigration <= 0 || maxStackSlots <= 0) {
      throw new IllegalArgumentException(
          "Gas and stack limits must be positive: gasPerCall="
              + gasPerCall
              + ", gasPerMigration="
              + gasPerMigration
              + ", maxStackSlots="
              + maxStackSlots);
    }
    if (wallClockPerCall.isNegative() || wallClockPerCall.isZero()) {
      throw new IllegalArgumentException(
          "The wall-clock limit must be positive, got " + wallClockPerCall);
    }
  }

  /**
   * Ten million gas per call (about 0.1 s of method calls and loop iterations, or 80 MB of arrays),
   * ten billion per migration script (a minute or two), 32,768 stack slots (about 800 levels of
   * plain recursion, 450 through a stream) and thirty seconds.
   */
  public static GasLimits defaults() {
    return new GasLimits(10_000_000L, 10_000_000_000L, 32_768, Duration.ofSeconds(30));
  }
}
