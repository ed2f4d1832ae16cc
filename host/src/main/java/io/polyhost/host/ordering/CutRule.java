package io.polyhost.host.ordering;

import java.util.function.BooleanSupplier;

/**
 * When the embedded engine cuts the next block, as a pure function of what it knows at one instant,
 * so the rule can be read and tested without threads.
 *
 * <p>As in Exonum, the propose threshold decides how long a block waits: with more transactions
 * pooled than the threshold, a block is cut once the minimum delay has passed since the previous
 * one; with fewer, the engine waits for more, up to the maximum interval. Unlike Exonum, which then
 * always waits the whole interval, it stops waiting as soon as arrivals pause for the minimum
 * delay: a lone transaction is not held back 200 ms, while under a steady stream blocks grow to the
 * threshold and the per-block costs (state hash, the database write, the certificate) are paid once
 * for many transactions.
 */
final class CutRule {
  /** {@link #nanosToWait} when only a wake-up (a new transaction) can make a block due. */
  static final long UNTIL_WOKEN = Long.MAX_VALUE;

  private final int maxTxs;
  private final int threshold;
  private final long minDelay;
  private final long maxInterval;
  private final BooleanSupplier emptyBlocks;

  CutRule(EmbeddedOrderingConfig config) {
    this(config, () -> false);
  }

  /**
   * A rule that also cuts empty blocks, though the config has them off, while {@code awaitsBlocks}
   * says the chain state waits for later heights (a pending deployment's deadline, a migration's
   * report); asked before every wait, so after every commit.
   */
  CutRule(EmbeddedOrderingConfig config, BooleanSupplier awaitsBlocks) {
    this.maxTxs = config.maxTxsPerBlock();
    this.threshold = config.proposeThreshold();
    this.minDelay = config.minProposeDelay().toNanos();
    this.maxInterval = config.maxProposeInterval().toNanos();
    boolean always = config.emptyBlocks();
    this.emptyBlocks = always ? () -> true : awaitsBlocks;
  }

  /**
   * How long to wait before a block is due: 0 if it is due now.
   *
   * @param elapsed nanoseconds since the previous block was committed (or the engine started)
   * @param pending transactions in the pool
   * @param fresh whether the pool may hold proposable transactions; false after a proposal came out
   *     empty because every pooled transaction failed {@code check_tx}, until new ones arrive
   * @param sinceArrival nanoseconds since transactions last arrived in the pool
   */
  long nanosToWait(long elapsed, int pending, boolean fresh, long sinceArrival) {
    boolean waiting = fresh && pending > 0;
    if (waiting && pending >= maxTxs) {
      return 0; // a full block gains nothing by waiting
    }
    long toDelay = Math.max(0, minDelay - elapsed);
    if (waiting) {
      // The delay never exceeds the interval (the config checks it), so empty blocks do not
      // matter here; and the state is not read on this path, taken at every arrival under load.
      if (pending > threshold) {
        return toDelay;
      }
      long toPause = Math.max(0, minDelay - sinceArrival);
      long toInterval = Math.max(0, maxInterval - elapsed);
      return Math.max(toDelay, Math.min(toPause, toInterval));
    }
    return emptyBlocks.getAsBoolean() ? Math.max(0, maxInterval - elapsed) : UNTIL_WOKEN;
  }

  /** Whether an empty block may be cut now, though no transaction is proposable. */
  boolean emptyBlockDue(long elapsed) {
    return elapsed >= maxInterval && emptyBlocks.getAsBoolean();
  }
}
