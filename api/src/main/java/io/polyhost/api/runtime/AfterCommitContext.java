package io.polyhost.api.runtime;

import io.polyhost.api.proto.MigrationStatusProto;
import java.util.Optional;

/**
 * What a runtime gets after each committed block (the genesis block too): the new state and ways to
 * act on it. Node-local: nothing done here is part of consensus until it comes back as a
 * transaction.
 */
public interface AfterCommitContext {
  /** The state after the block, exactly as it is persisted. */
  BlockchainData data();

  /** The height of the block just committed. */
  long height();

  /** Requests to the dispatcher. */
  Mailbox mailbox();

  /** Signs and submits transactions with the node's service key; present only on validators. */
  Optional<Broadcaster> broadcaster();

  /** This node's index among the validators; empty if it is not one. */
  Optional<Integer> validatorId();

  /**
   * The outcome of this node's script for the running migration of {@code service}, once it has
   * finished: the hash of the migrated data, or why the script failed. Empty while the script runs,
   * or if no migration of the service awaits its result. Node-local; the supervisor reports it as a
   * transaction.
   */
  Optional<MigrationStatusProto> localMigrationResult(String service);
}
