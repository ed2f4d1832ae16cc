package io.polyhost.storage;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.IndexProof;

/**
 * A consistent, read-only view of the database at one moment: later merges do not show through.
 *
 * <p>Close it when done to release the underlying database snapshot; an unclosed one is released
 * when garbage-collected, later than it could have been.
 */
public interface Snapshot extends StorageAccess, AutoCloseable {
  /** The state hash: the root of the aggregator of every Merkelized index outside groups. */
  Hash stateHash();

  /**
   * A proof of the object hash of the index {@code fullName} (e.g. {@code wallet.balances}) within
   * {@link #stateHash()}, or of its absence. Prove entities inside the index with the index's own
   * proofs taken from this same snapshot, so that both refer to one state.
   */
  default IndexProof indexProof(String fullName) {
    return StateAggregator.indexProof(this, fullName);
  }

  /**
   * The migration hash of {@code namespace}: the root of the aggregator of its migrated indexes,
   * which validators compare before the migration is flushed. See {@link Migration#stateHash()}.
   *
   * @throws IllegalArgumentException if {@code namespace} is not a single, unreserved name
   *     component
   */
  default Hash migrationStateHash(String namespace) {
    return Migration.of(this, namespace).stateHash();
  }

  @Override
  void close();
}
