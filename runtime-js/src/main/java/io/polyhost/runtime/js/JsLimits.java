package io.polyhost.runtime.js;

import java.time.Duration;

/**
 * How much one call of a JavaScript service may do.
 *
 * <p>The statement limit is the deterministic "gas": GraalJS counts statements identically on every
 * JDK and Truffle runtime (graaljs.md §5), so it must be the same on every node of a network. The
 * wall-clock limit is a node-local safety net for what gas does not catch (a slow host call, a
 * pathological regular expression); when it fires the node stops the block rather than record a
 * result.
 *
 * @param statementsPerCall the statement limit of one call (a transaction, a hook, a constructor);
 *     also bounds an artifact's top-level code when it is loaded
 * @param wallClockPerCall how long one call may run before the watchdog cancels it
 */
public record JsLimits(long statementsPerCall, Duration wallClockPerCall) {
  /**
   * One million statements and thirty seconds. Statements are not equally expensive: a chain of
   * promise jobs runs about 10^5 statements per second on the interpreter, so the wall-clock limit
   * must stay well above what a full tank of gas can take, or the watchdog halts every node.
   */
  public static final JsLimits DEFAULT = new JsLimits(1_000_000, Duration.ofSeconds(30));

  /**
   * Checks the limits.
   *
   * @throws IllegalArgumentException if either limit is not positive
   */
  public JsLimits {
    if (statementsPerCall <= 0) {
      throw new IllegalArgumentException(
          "The statement limit must be positive, got " + statementsPerCall);
    }
    if (wallClockPerCall.isNegative() || wallClockPerCall.isZero()) {
      throw new IllegalArgumentException(
          "The wall-clock limit must be positive, got " + wallClockPerCall);
    }
  }
}
