package io.polyhost.host.ordering;

import java.util.function.BooleanSupplier;

/**
 * When the embedded engine cuts the next block, as a pure function of what it knows at one instant,
 * so the rule can be read and tested without threads.
 */
final class CutRule {
  /** {@link #nanosToWait} when only a wake-up (a new transaction) can make a block due. */
  static final long UNTIL_WOKEN = Long.MAX_VALUE;

  private final int maxTxs;
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
   */
  long nanosToWait(long elapsed, int pending, boolean fresh) {
    boolean waiting = fresh && pending > 0;
    if (waiting && pending >= maxTxs) {
      return 0; // a full block gains nothing by waiting
    }
    long toDelay = Math.max(0, minDelay - elapsed);
    if (waiting) {
      // The delay never exceeds the interval (the config checks it), so empty blocks do not
      // matter here; and the state is not read on this path, taken at every arrival under load.
      return toDelay;
    }
    return emptyBlocks.getAsBoolean() ? Math.max(0, maxInterval - elapsed) : UNTIL_WOKEN;
  }

  /** Whether an empty block may be cut now, though no transaction is proposable. */
  boolean emptyBlockDue(long elapsed) {
    return elapsed >= maxInterval && emptyBlocks.getAsBoolean();
  }
}
