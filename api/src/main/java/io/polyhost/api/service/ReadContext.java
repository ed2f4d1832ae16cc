package io.polyhost.api.service;

import io.polyhost.api.blockchain.StateProof;
import io.polyhost.api.proof.ListProof;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.storage.IndexAccess;

/**
 * What a service's read endpoint ({@link Service#read}) sees: the latest committed state,
 * read-only. Answers are node-local, never part of consensus: two nodes at different heights may
 * answer differently.
 */
public interface ReadContext {
  /** The instance being asked. */
  InstanceSpec instance();

  /** The instance's own data at the latest committed block; writing to it throws. */
  IndexAccess serviceData();

  /** The whole latest committed state, read-only: other services' data, instances, artifacts. */
  BlockchainData data();

  /**
   * Proves entries of one of this service's proof maps up to the latest certified block, for a
   * light client: put {@link StateProof#toHex()} in the answer's {@code "proof"} field.
   *
   * @param indexName the map's name within the service, as the service opened it
   * @param entries a proof taken from that map in {@link #serviceData()}
   * @throws IllegalStateException if the node cannot prove its latest state
   */
  StateProof prove(String indexName, MapProof entries);

  /**
   * Proves elements of one of this service's proof lists up to the latest certified block, like
   * {@link #prove(String, MapProof)}.
   *
   * @param indexName the list's name within the service, as the service opened it
   * @param elements a proof taken from that list in {@link #serviceData()}
   * @throws IllegalStateException if the node cannot prove its latest state
   */
  StateProof prove(String indexName, ListProof elements);
}
