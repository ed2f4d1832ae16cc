package io.polyhost.host.pool;

import io.polyhost.api.crypto.Hash;
import java.util.Collection;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which transactions are in a block already: the pool's check that a resubmission is not pooled
 * again. Asked for the messages of one verifier task at once, so that an implementation reading the
 * database takes one snapshot for them all instead of one per message.
 */
@FunctionalInterface
public interface CommittedHashes {
  /**
   * Those of {@code hashes} that are committed. Called from the verifier threads; a block's hashes
   * must be visible here before {@link TransactionPool#removeCommitted} is called with them.
   */
  Set<Hash> committedAmong(Collection<Hash> hashes);

  /** Asks {@code committed} about each hash in turn; for sets in memory. */
  static CommittedHashes each(Predicate<Hash> committed) {
    return hashes -> hashes.stream().filter(committed).collect(Collectors.toUnmodifiableSet());
  }
}
