package io.polyhost.host.http;

/**
 * How much one request may carry, beyond the consensus limit on a single message (which the genesis
 * sets): the batch endpoint's size limits.
 *
 * @param maxBatchTransactions the most transactions in one batch, at least 1
 * @param maxBatchBytes the most bytes in a batch's body, at least 1 KiB
 */
public record ApiLimits(int maxBatchTransactions, int maxBatchBytes) {
  /** 1,000 transactions (a block's worth by default). */
  public static final int DEFAULT_BATCH_TRANSACTIONS = 1000;

  /** 8 MiB. */
  public static final int DEFAULT_BATCH_BYTES = 8 << 20;

  /**
   * Checks the limits.
   *
   * @throws IllegalArgumentException if one is too small
   */
  public ApiLimits {
    if (maxBatchTransactions < 1) {
      throw new IllegalArgumentException(
          "max-batch-transactions must be at least 1, got " + maxBatchTransactions);
    }
    if (maxBatchBytes < 1024) {
      throw new IllegalArgumentException(
          "max-batch-bytes must be at least 1024, got " + maxBatchBytes);
    }
  }

  /** The defaults. */
  public static ApiLimits defaults() {
    return new ApiLimits(DEFAULT_BATCH_TRANSACTIONS, DEFAULT_BATCH_BYTES);
  }
}
