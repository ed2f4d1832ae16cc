package io.polyhost.storage;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.IndexTypeMismatchException;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.ReadOnlyStorageException;
import io.polyhost.storage.index.ProofMapIndexView;
import java.util.Optional;

/**
 * The new data of a migration of namespace {@code ns}: index {@code x} opened here lives at {@code
 * ^ns.x} and becomes {@code ns.x} when the migration is flushed ({@link Fork#flushMigration}).
 *
 * <p>Migrating is non-destructive: {@code ns.x} stays as it was, readable next to {@code ^ns.x}
 * (even with another type), until the flush moves the new data over it. Indexes not opened here are
 * kept unchanged; to delete {@code ns.x} on flush, {@link #createTombstone mark it}. Group members
 * keep their group key: {@code (x, k)} here is {@code (ns.x, k)} after the flush. The name in the
 * database is one character longer than the final one, so a name of the maximum length cannot be
 * migrated.
 *
 * <p>Merkelized indexes outside groups are aggregated in the namespace's own aggregator, not in the
 * state hash, keyed by their name after the flush ({@code ns.x}); its root is the migration hash
 * that validators compare. Like the state hash it is current for snapshots and patches, and may be
 * stale for a fork.
 *
 * <p>This access is the only way to reach migrated data: {@link StorageAccess#prefixed} refuses
 * names starting with {@code ^}, and typed views refuse them too.
 */
public final class Migration implements StorageAccess {
  private final StorageAccess base;
  private final String namespace;

  private Migration(StorageAccess base, String namespace) {
    Namespaces.check(namespace, "Migration namespace");
    this.base = base;
    this.namespace = namespace;
  }

  /**
   * The migration of {@code namespace}, seen through {@code access} (writable if it is).
   *
   * @throws IllegalArgumentException if {@code namespace} is not a single, unreserved name
   *     component
   */
  public static Migration of(StorageAccess access, String namespace) {
    return new Migration(access, namespace);
  }

  /** The namespace being migrated, e.g. {@code wallet}. */
  public String namespace() {
    return namespace;
  }

  /**
   * Marks the index at {@code address} (relative to the namespace) for removal when the migration
   * is flushed. Marking an address twice does nothing more; a tombstone for an index that does not
   * exist is allowed and removes nothing.
   *
   * @throws IndexTypeMismatchException if the migration already holds an index at {@code address}
   * @throws ReadOnlyStorageException if this access is read-only
   */
  public void createTombstone(IndexAddress address) {
    if (!isWritable()) {
      throw new ReadOnlyStorageException(resolve(address));
    }
    rawIndex(address, IndexType.TOMBSTONE);
  }

  /** The root of the namespace's aggregator: the hash that describes the migrated data. */
  public Hash stateHash() {
    return ProofMapIndexView.objectHashOf(aggregator());
  }

  /** A read-only view of the namespace's aggregator: {@code ns.x} to the object hash of x. */
  public ProofMapIndex<String, Hash> stateAggregator() {
    return StateAggregator.open(aggregator());
  }

  @Override
  public boolean isWritable() {
    return base.isWritable();
  }

  @Override
  public RawIndex rawIndex(IndexAddress address, IndexType type) {
    return base.rawIndex(resolve(address), type);
  }

  @Override
  public RawIndex rawIndexForRead(IndexAddress address, IndexType type) {
    return base.rawIndexForRead(resolve(address), type);
  }

  @Override
  public Optional<IndexType> indexType(IndexAddress address) {
    return base.indexType(resolve(address));
  }

  private RawIndex aggregator() {
    return base.rawIndexForRead(StateAggregator.migrationAddress(namespace), IndexType.PROOF_MAP);
  }

  private IndexAddress resolve(IndexAddress address) {
    String name = address.name();
    if (name.startsWith("^") || name.startsWith("__")) {
      throw new IllegalArgumentException(
          "Index name '"
              + name
              + "' is reserved: names starting with '^' or '__' cannot be migrated");
    }
    return address.prepend("^" + namespace);
  }
}
