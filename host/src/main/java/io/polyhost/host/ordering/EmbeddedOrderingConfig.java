package io.polyhost.host.ordering;

import java.time.Duration;
import java.util.Objects;

/**
 * When the embedded engine cuts blocks.
 *
 * @param maxTxsPerBlock the most transactions in a block; the consensus {@code txs_block_limit}
 * @param minProposeDelay how long after the previous block pooled transactions wait for more before
 *     a block is cut, unless a full block is already waiting
 * @param maxProposeInterval how long after the previous block an empty block is cut, and the
 *     longest a block waits to gather more transactions
 * @param proposeThreshold the consensus {@code propose_timeout_threshold}: with more than this many
 *     transactions pooled a block is cut after {@code minProposeDelay}; with fewer, and while more
 *     keep arriving, the engine waits for more (up to {@code maxProposeInterval}), so that blocks
 *     grow under load instead of paying the per-block costs for a few transactions each; 0 cuts
 *     every block after the delay
 * @param emptyBlocks whether empty blocks are cut at all; if not, the chain only grows when
 *     transactions arrive
 */
public record EmbeddedOrderingConfig(
    int maxTxsPerBlock,
    Duration minProposeDelay,
    Duration maxProposeInterval,
    int proposeThreshold,
    boolean emptyBlocks) {
  /** Exonum's default {@code propose_timeout_threshold}: half the default block limit. */
  public static final int DEFAULT_PROPOSE_THRESHOLD = 500;

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException if the block limit is not positive, a duration or the
   *     threshold is negative, or the interval is shorter than the delay
   */
  public EmbeddedOrderingConfig {
    Objects.requireNonNull(minProposeDelay, "minProposeDelay");
    Objects.requireNonNull(maxProposeInterval, "maxProposeInterval");
    if (maxTxsPerBlock <= 0) {
      throw new IllegalArgumentException(
          "max-txs-per-block (txs_block_limit) must be positive, got " + maxTxsPerBlock);
    }
    if (minProposeDelay.isNegative()) {
      throw new IllegalArgumentException(
          "min-propose-delay must not be negative, got " + minProposeDelay);
    }
    if (maxProposeInterval.compareTo(minProposeDelay) < 0) {
      throw new IllegalArgumentException(
          "max-propose-interval ("
              + maxProposeInterval
              + ") must not be shorter than min-propose-delay ("
              + minProposeDelay
              + ")");
    }
    if (proposeThreshold < 0) {
      throw new IllegalArgumentException(
          "propose-threshold (propose_timeout_threshold) must not be negative, got "
              + proposeThreshold);
    }
  }

  /**
   * Settings without a propose threshold: every block is cut {@code minProposeDelay} after the
   * previous one.
   */
  public EmbeddedOrderingConfig(
      int maxTxsPerBlock,
      Duration minProposeDelay,
      Duration maxProposeInterval,
      boolean emptyBlocks) {
    this(maxTxsPerBlock, minProposeDelay, maxProposeInterval, 0, emptyBlocks);
  }

  /**
   * Exonum's defaults: 1,000 transactions per block, 10 ms minimum and 200 ms maximum propose
   * timeout, a propose threshold of 500 transactions, empty blocks on.
   */
  public static EmbeddedOrderingConfig defaults() {
    return new EmbeddedOrderingConfig(
        1000, Duration.ofMillis(10), Duration.ofMillis(200), DEFAULT_PROPOSE_THRESHOLD, true);
  }

  /** This config with another block limit. */
  public EmbeddedOrderingConfig withMaxTxsPerBlock(int max) {
    return new EmbeddedOrderingConfig(
        max, minProposeDelay, maxProposeInterval, proposeThreshold, emptyBlocks);
  }

  /** This config with other propose timeouts. */
  public EmbeddedOrderingConfig withProposeTimeouts(Duration minDelay, Duration maxInterval) {
    return new EmbeddedOrderingConfig(
        maxTxsPerBlock, minDelay, maxInterval, proposeThreshold, emptyBlocks);
  }

  /** This config with another propose threshold; 0 cuts every block after the minimum delay. */
  public EmbeddedOrderingConfig withProposeThreshold(int threshold) {
    return new EmbeddedOrderingConfig(
        maxTxsPerBlock, minProposeDelay, maxProposeInterval, threshold, emptyBlocks);
  }

  /** This config with empty blocks on or off. */
  public EmbeddedOrderingConfig withEmptyBlocks(boolean on) {
    return new EmbeddedOrderingConfig(
        maxTxsPerBlock, minProposeDelay, maxProposeInterval, proposeThreshold, on);
  }
}
