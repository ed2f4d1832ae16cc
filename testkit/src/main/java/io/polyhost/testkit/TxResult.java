package io.polyhost.testkit;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.ExecutionError;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a committed transaction.
 *
 * @param hash the transaction's hash
 * @param height the block it was committed in
 * @param error what the transaction failed with; empty if it succeeded
 */
public record TxResult(Hash hash, long height, Optional<ExecutionError> error) {
  /** Checks the parts. */
  public TxResult {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(error, "error");
  }

  /** Whether the transaction succeeded. */
  public boolean isOk() {
    return error.isEmpty();
  }

  /**
   * Returns this result if the transaction succeeded.
   *
   * @throws AssertionError naming the error if it failed, so a test fails with the reason
   */
  public TxResult requireOk() {
    error.ifPresent(e -> {
      throw new AssertionError("Transaction " + hash + " failed in block " + height + ": " + e);
    });
    return this;
  }

  /**
   * The error the transaction failed with.
   *
   * @throws AssertionError if it succeeded
   */
  public ExecutionError requireError() {
    return error.orElseThrow(() ->
        new AssertionError(
            "Transaction "
                + hash
                + " succeeded in block "
                + height
                + ", but an error was expected"));
  }
}
