package io.polyhost.storage;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import java.util.List;

/** TEMPORARY (not to be committed): stand-in until the Merkle views are merged. */
final class StateAggregator {
  private StateAggregator() {}

  static boolean isAggregated(IndexAddress address, IndexType type) {
    return type.isMerkelized() && !address.isInGroup() && !address.name().startsWith("__");
  }

  static void update(Fork fork, List<StoredRawIndex> touched) {}

  static Hash stateHash(StorageAccess access) {
    return Hash.zero();
  }
}
