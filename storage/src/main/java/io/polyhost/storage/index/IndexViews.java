package io.polyhost.storage.index;

import io.polyhost.api.storage.Entry;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.KeySetIndex;
import io.polyhost.api.storage.ListIndex;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.ProofEntry;
import io.polyhost.api.storage.ProofListIndex;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.SparseListIndex;
import io.polyhost.api.storage.ValueSetIndex;
import io.polyhost.storage.RawIndex;
import io.polyhost.storage.StorageAccess;

/**
 * The typed {@link IndexAccess} over a {@link StorageAccess}: what a service's code is handed.
 *
 * <p>On a writable access indexes are created when opened; on a read-only one a missing index reads
 * as empty and every write throws. Names starting with {@code __} (the database's own) or {@code ^}
 * (migrated data, reachable only through a {@link io.polyhost.storage.Migration}) are refused.
 */
public final class IndexViews implements IndexAccess {
  private final StorageAccess access;

  private IndexViews(StorageAccess access) {
    this.access = access;
  }

  /** Typed indexes over {@code access}. */
  public static IndexAccess over(StorageAccess access) {
    return new IndexViews(access);
  }

  @Override
  public boolean isWritable() {
    return access.isWritable();
  }

  @Override
  public <V> Entry<V> entry(IndexAddress address, Serializer<V> values) {
    return new EntryView<>(raw(address, IndexType.ENTRY), values);
  }

  @Override
  public <V> ProofEntry<V> proofEntry(IndexAddress address, Serializer<V> values) {
    return new ProofEntryView<>(raw(address, IndexType.PROOF_ENTRY), values);
  }

  @Override
  public <V> ListIndex<V> list(IndexAddress address, Serializer<V> values) {
    return new ListIndexView<>(raw(address, IndexType.LIST), values);
  }

  @Override
  public <V> ProofListIndex<V> proofList(IndexAddress address, Serializer<V> values) {
    return new ProofListIndexView<>(raw(address, IndexType.PROOF_LIST), values);
  }

  @Override
  public <K, V> MapIndex<K, V> map(IndexAddress address, Serializer<K> keys, Serializer<V> values) {
    return new MapIndexView<>(raw(address, IndexType.MAP), keys, values);
  }

  @Override
  public <K, V> ProofMapIndex<K, V> proofMap(
      IndexAddress address, Serializer<K> keys, Serializer<V> values) {
    return new ProofMapIndexView<>(raw(address, IndexType.PROOF_MAP), keys, values, true);
  }

  @Override
  public <K, V> ProofMapIndex<K, V> rawProofMap(
      IndexAddress address, Serializer<K> keys, Serializer<V> values) {
    return new ProofMapIndexView<>(raw(address, IndexType.PROOF_MAP), keys, values, false);
  }

  @Override
  public <K> KeySetIndex<K> keySet(IndexAddress address, Serializer<K> keys) {
    return new KeySetIndexView<>(raw(address, IndexType.KEY_SET), keys);
  }

  @Override
  public <V> ValueSetIndex<V> valueSet(IndexAddress address, Serializer<V> values) {
    return new ValueSetIndexView<>(raw(address, IndexType.VALUE_SET), values);
  }

  @Override
  public <V> SparseListIndex<V> sparseList(IndexAddress address, Serializer<V> values) {
    return new SparseListIndexView<>(raw(address, IndexType.SPARSE_LIST), values);
  }

  private RawIndex raw(IndexAddress address, IndexType type) {
    if (address.name().startsWith("__")) {
      throw new IllegalArgumentException(
          "Index name '"
              + address.name()
              + "' is reserved: names starting with '__' belong to the database");
    }
    if (address.name().startsWith("^")) {
      throw new IllegalArgumentException(
          "Index name '"
              + address.name()
              + "' is reserved for migrations: open migrated data through a Migration");
    }
    return access.rawIndex(address, type);
  }
}
