package io.polyhost.client;

import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.TxLocation;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.ExecutionError;
import java.util.Objects;
import java.util.Optional;

/**
 * How a committed transaction ended, proven: its place in a block certified by the validators and
 * its error (or the absence of one) under that block's error hash.
 *
 * @param txHash the transaction
 * @param block the certified block that holds it
 * @param location where in the block
 * @param error the error the call ended with (its description is the node's, not proven); empty if
 *     it succeeded
 */
public record TransactionOutcome(
    Hash txHash, Block block, TxLocation location, Optional<ExecutionError> error) {
  /** Checks the parts. */
  public TransactionOutcome {
    Objects.requireNonNull(txHash, "txHash");
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(error, "error");
  }

  /** Whether the call succeeded. */
  public boolean succeeded() {
    return error.isEmpty();
  }
}
