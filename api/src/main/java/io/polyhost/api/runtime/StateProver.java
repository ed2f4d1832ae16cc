package io.polyhost.api.runtime;

import io.polyhost.api.blockchain.StateProof;

/**
 * Proves entries of an index of one committed state up to that state's certified block: what a
 * runtime hands its read endpoints along with the state (see {@link
 * RuntimeEnvironment#readLatestProven}).
 */
@FunctionalInterface
public interface StateProver {
  /**
   * Ties {@code entries}, a proof taken from index {@code fullIndexName} of the state being read,
   * to the block that committed that state.
   *
   * @param fullIndexName the index's full name, e.g. {@code wallet.balances}
   * @param entries the map or list proof of the entries, from the same state
   * @throws IllegalStateException if the node cannot prove this state, e.g. its block is not
   *     certified
   */
  StateProof prove(String fullIndexName, StateProof.Entries entries);
}
