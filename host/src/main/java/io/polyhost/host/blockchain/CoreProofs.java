package io.polyhost.host.blockchain;

import io.polyhost.api.blockchain.BlockProof;
import io.polyhost.api.blockchain.CallInBlock;
import io.polyhost.api.blockchain.CallProof;
import io.polyhost.api.blockchain.TransactionProof;
import io.polyhost.api.crypto.Hash;
import java.util.Optional;

/**
 * Builds the proofs a light client verifies with the validators' consensus keys alone.
 *
 * <p>Take proofs from a {@link CoreSchema} over a snapshot: the block, its certificate and the
 * Merkle proof must all come from one state, or they may not fit (exonum/exonum#1856). Every method
 * answers empty when the block is not committed or not yet certified.
 */
public final class CoreProofs {
  private final CoreSchema schema;
  private final CoreIndexes indexes;

  CoreProofs(CoreSchema schema, CoreIndexes indexes) {
    this.schema = schema;
    this.indexes = indexes;
  }

  /** The block at {@code height} with its certificate. */
  public Optional<BlockProof> blockProof(long height) {
    return schema
        .block(height)
        .flatMap(b -> schema.certificate(b.hash()).map(c -> new BlockProof(b, c)));
  }

  /**
   * The outcome of {@code call} in the block at {@code height}: a proof of its error, with the
   * error's description, or of its absence when the call succeeded.
   */
  public Optional<CallProof> callProof(long height, CallInBlock call) {
    return blockProof(height)
        .map(p ->
            new CallProof(
                p,
                indexes.callErrors(height).proof(call),
                schema.callErrors(height).description(call)));
  }

  /** The inclusion of the committed transaction {@code txHash} in its block. */
  public Optional<TransactionProof> transactionProof(Hash txHash) {
    return schema
        .location(txHash)
        .flatMap(l ->
            blockProof(l.blockHeight())
                .map(p ->
                    new TransactionProof(
                        p, indexes.blockTransactions().proof(l.blockHeight(), l.position()))));
  }
}
