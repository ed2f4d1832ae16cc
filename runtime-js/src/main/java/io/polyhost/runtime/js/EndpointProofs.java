package io.polyhost.runtime.js;

import io.polyhost.api.blockchain.StateProof;
import io.polyhost.api.runtime.StateProver;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.Serializers;
import java.util.List;

/**
 * What a read endpoint's {@code ctx.prove} and {@code ctx.proveList} do: a map or list proof taken
 * from the service's data of the state being read, tied by the node's prover to that state's
 * certified block, as the hex a client passes to {@code StateProof.fromHex}. Both proofs come from
 * the same snapshot, which is what makes them fit together.
 */
final class EndpointProofs {
  /** The most keys or list elements one proof covers; bounds the work one call asks of the node. */
  static final int MAX_ENTRIES = 1000;

  private static final Serializer<byte[]> RAW = Serializers.bytes();

  private final String instanceName;
  private final StateProver prover;

  EndpointProofs(String instanceName, StateProver prover) {
    this.instanceName = instanceName;
    this.prover = prover;
  }

  /** Proves the values (or absence) of {@code keys} in the service's proof map {@code name}. */
  String map(IndexAccess data, String name, List<byte[]> keys) {
    if (keys.isEmpty() || keys.size() > MAX_ENTRIES) {
      throw new GuestMisuseException(
          "ctx.prove proves 1 to " + MAX_ENTRIES + " keys at once, asked for " + keys.size());
    }
    var proof = data.proofMap(name, RAW, RAW).proof(keys);
    return prover.prove(fullName(name), new StateProof.MapEntries(proof)).toHex();
  }

  /**
   * Proves the elements from {@code from} (inclusive) to {@code toExclusive} of the service's proof
   * list {@code name}; positions past the end are proven absent by the list's length.
   */
  String list(IndexAccess data, String name, long from, long toExclusive) {
    if (from < 0 || toExclusive <= from || toExclusive - from > MAX_ENTRIES) {
      throw new GuestMisuseException(
          "ctx.proveList proves 1 to "
              + MAX_ENTRIES
              + " elements from a position of 0 or more, asked for ["
              + from
              + ", "
              + toExclusive
              + ")");
    }
    var proof = data.proofList(name, RAW).rangeProof(from, toExclusive);
    return prover.prove(fullName(name), new StateProof.ListEntries(proof)).toHex();
  }

  private String fullName(String name) {
    return instanceName + "." + name;
  }
}
