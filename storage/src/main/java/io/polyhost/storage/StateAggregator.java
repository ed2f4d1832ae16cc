package io.polyhost.storage;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.IndexProof;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.index.ProofEntryView;
import io.polyhost.storage.index.ProofListIndexView;
import io.polyhost.storage.index.ProofMapIndexView;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The state hash: a proof map from the full name of every Merkelized index outside a group to that
 * index's object hash. Its root is the state hash; a proof from it is an index proof.
 *
 * <p>Indexes of a migration ({@code ^ns.x}) are kept apart: each migration namespace has its own
 * aggregator, keyed by the name the index will have once the migration is flushed ({@code ns.x}),
 * whose root is the migration hash that validators compare. So a migration running in the
 * background never changes the state hash of the blocks committed meanwhile.
 *
 * <p>The aggregators are brought up to date when a fork becomes a patch, rehashing only the indexes
 * the fork touched, so snapshots and patches always have consistent hashes while a fork's may be
 * stale.
 */
final class StateAggregator {
  private StateAggregator() {}

  /** Where the default aggregator lives; names starting with "__" are reserved for the database. */
  static final IndexAddress ADDRESS = IndexAddress.of("__STATE_AGGREGATOR__");

  /** The group of migration aggregators, one member per namespace. */
  private static final String MIGRATION_AGGREGATORS = "__MIGRATION_AGGREGATORS__";

  /**
   * Where the object hash of an index is aggregated.
   *
   * @param aggregator the address of the aggregating proof map
   * @param key the key of the index in it
   */
  record Slot(IndexAddress aggregator, String key) {}

  /** The aggregator slot of the index at {@code address}, or {@code null} if it has none. */
  static @Nullable Slot slotOf(IndexAddress address, IndexType type) {
    String name = address.name();
    if (!type.isMerkelized() || address.isInGroup() || name.startsWith("__")) {
      return null;
    }
    if (name.startsWith("^")) {
      int dot = name.indexOf('.');
      // A bare "^x" is in no namespace; only the migration access creates "^ns.x" names.
      return dot < 0 ? null : new Slot(migrationAddress(name.substring(1, dot)), name.substring(1));
    }
    return new Slot(ADDRESS, name);
  }

  /** Whether the index at {@code address} enters the default state hash. */
  static boolean isAggregated(IndexAddress address, IndexType type) {
    Slot slot = slotOf(address, type);
    return slot != null && slot.aggregator().equals(ADDRESS);
  }

  /** The address of the aggregator of the migration namespace {@code namespace}. */
  static IndexAddress migrationAddress(String namespace) {
    return IndexAddress.inGroup(MIGRATION_AGGREGATORS, namespace.getBytes(StandardCharsets.UTF_8));
  }

  static void update(Fork fork, List<StoredRawIndex> touched) {
    Map<IndexAddress, ProofMapIndexView<String, Hash>> aggregators = new LinkedHashMap<>();
    for (StoredRawIndex index : touched) {
      Slot slot = slotOf(index.address(), index.type());
      if (slot == null) {
        continue;
      }
      aggregators
          .computeIfAbsent(slot.aggregator(), a -> open(fork.rawIndex(a, IndexType.PROOF_MAP)))
          .put(slot.key(), objectHash(index));
    }
    // Hash the aggregators now, inside the fork, so the patch carries fully hashed tries.
    for (ProofMapIndexView<String, Hash> aggregator : aggregators.values()) {
      aggregator.objectHash();
    }
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
