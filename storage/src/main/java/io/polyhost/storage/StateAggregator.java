package io.polyhost.storage;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.IndexProof;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.index.ProofEntryView;
import io.polyhost.storage.index.ProofListIndexView;
import io.polyhost.storage.index.ProofMapIndexView;
import java.util.List;

/**
 * The state hash: a proof map from the full name of every Merkelized index outside a group to that
 * index's object hash. Its root is the state hash; a proof from it is an index proof.
 *
 * <p>The aggregator is brought up to date when a fork becomes a patch, rehashing only the indexes
 * the fork touched, so snapshots and patches always have a consistent state hash while a fork's may
 * be stale.
 */
final class StateAggregator {
  private StateAggregator() {}

  /** Where the default aggregator lives; names starting with "__" are reserved for the database. */
  static final IndexAddress ADDRESS = IndexAddress.of("__STATE_AGGREGATOR__");

  /** Whether the index at {@code address} enters the default state hash. */
  static boolean isAggregated(IndexAddress address, IndexType type) {
    return type.isMerkelized()
        && !address.isInGroup()
        && !address.name().startsWith("__")
        && !address.name().startsWith("^");
  }

  static void update(Fork fork, List<StoredRawIndex> touched) {
    if (touched.isEmpty()) {
      return;
    }
    ProofMapIndexView<String, Hash> aggregator = open(fork.rawIndex(ADDRESS, IndexType.PROOF_MAP));
    for (StoredRawIndex index : touched) {
      aggregator.put(index.address().name(), objectHash(index));
    }
    // Hash the aggregator now, inside the fork, so the patch carries a fully hashed trie.
    aggregator.objectHash();
  }

  static Hash stateHash(StorageAccess access) {
    return ProofMapIndexView.objectHashOf(access.rawIndexForRead(ADDRESS, IndexType.PROOF_MAP));
  }

  static IndexProof indexProof(StorageAccess access, String fullName) {
    IndexAddress.validateName(fullName);
    return new IndexProof(
        fullName, open(access.rawIndexForRead(ADDRESS, IndexType.PROOF_MAP)).proof(fullName));
  }

  static ProofMapIndexView<String, Hash> open(RawIndex raw) {
    return new ProofMapIndexView<>(raw, Serializers.string(), Serializers.hash(), true);
  }

  static Hash objectHash(RawIndex index) {
    return switch (index.type()) {
      case PROOF_LIST -> ProofListIndexView.objectHashOf(index);
      case PROOF_MAP -> ProofMapIndexView.objectHashOf(index);
      case PROOF_ENTRY -> ProofEntryView.objectHashOf(index);
      default ->
          throw new IllegalArgumentException(
              "Index '" + index.address() + "' of type " + index.type() + " has no object hash");
    };
  }
}
