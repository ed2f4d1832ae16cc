package io.polyhost.host.ordering;

import io.polyhost.api.message.SignedTransaction;
import java.time.Instant;
import java.util.List;

/**
 * Executes and commits the blocks an ordering engine cuts; the blockchain implements it.
 *
 * <p>Called on the engine's single thread, one block at a time. When it returns, the block is
 * committed and its transaction hashes are visible to the pool's committed-hash predicate; the
 * engine then removes them from the pool. Whatever it throws means the node cannot go on: the
 * engine stops and reports it.
 */
@FunctionalInterface
public interface BlockProducer {
  /**
   * Executes {@code transactions} in the given order as the next block and commits it.
   *
   * @param transactions the block's transactions, possibly none
   * @param blockTime the block's timestamp, later than the previous block's
   */
  void produceBlock(List<SignedTransaction> transactions, Instant blockTime);
}
