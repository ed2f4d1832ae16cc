package io.polyhost.api.runtime;

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
}
