package io.polyhost.api.runtime;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.PublicKey;

/**
 * Sends transactions signed with this node's service key: how a validator's node reports local
 * facts (a finished deployment, a migration hash) to the network.
 */
public interface Broadcaster {
  /** The key the transactions are signed with. */
  PublicKey serviceKey();

  /**
   * Signs a call of {@code methodId} on instance {@code instanceId} and submits it to the pool.
   *
   * @return the transaction's hash
   * @throws IllegalStateException if the pool refuses the transaction; the message says why
   */
  Hash broadcast(int instanceId, int methodId, byte[] arguments);
}
