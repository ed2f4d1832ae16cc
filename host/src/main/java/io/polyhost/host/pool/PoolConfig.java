package io.polyhost.host.pool;

/**
 * Limits and threads of a {@link TransactionPool}.
 *
 * @param maxMessageBytes the longest serialized transaction admitted; the consensus config's {@code
 *     max_message_len}
 * @param maxTransactions how many transactions the pool holds at most; also how many may await
 *     verification at once, so a flood cannot queue unbounded work
 * @param maxTotalBytes how many bytes of serialized transactions the pool holds at most
 * @param verifierThreads threads that check signatures and run {@code check_tx}
 * @param removalLimit how many pooled transactions failing {@code check_tx} one {@link
 *     TransactionPool#evictFailing()} removes at most; 0 disables eviction
 */
public record PoolConfig(
    int maxMessageBytes,
    int maxTransactions,
    long maxTotalBytes,
    int verifierThreads,
    int removalLimit) {
  /** Exonum's default {@code max_message_len}: 1 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

  /**
   * Validates the limits.
   *
   * @throws IllegalArgumentException if a limit or the thread count is not positive, or the removal
   *     limit is negative
   */
  public PoolConfig {
    requirePositive("max-message-bytes", maxMessageBytes);
    requirePositive("max-transactions", maxTransactions);
    requirePositive("max-total-bytes", maxTotalBytes);
    requirePositive("verifier-threads", verifierThreads);
    if (removalLimit < 0) {
      throw new IllegalArgumentException(
          "removal-limit must be 0 (no eviction) or positive, got " + removalLimit);
    }
  }

  /**
   * The defaults: 1 MiB messages, 100,000 transactions, 256 MiB, 2 verifier threads, evict up to
   * 100 failing transactions per block.
   */
  public static PoolConfig defaults() {
    return new PoolConfig(DEFAULT_MAX_MESSAGE_BYTES, 100_000, 256L << 20, 2, 100);
  }

  /** This config with another message size limit, e.g. the consensus {@code max_message_len}. */
  public PoolConfig withMaxMessageBytes(int bytes) {
    return new PoolConfig(bytes, maxTransactions, maxTotalBytes, verifierThreads, removalLimit);
  }

  /** This config with other capacity limits. */
  public PoolConfig withCapacity(int transactions, long totalBytes) {
    return new PoolConfig(maxMessageBytes, transactions, totalBytes, verifierThreads, removalLimit);
  }

  /** This config with another number of verifier threads. */
  public PoolConfig withVerifierThreads(int threads) {
    return new PoolConfig(maxMessageBytes, maxTransactions, maxTotalBytes, threads, removalLimit);
  }

  /** This config with another eviction bound; 0 disables eviction. */
  public PoolConfig withRemovalLimit(int limit) {
    return new PoolConfig(maxMessageBytes, maxTransactions, maxTotalBytes, verifierThreads, limit);
  }

  private static void requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
