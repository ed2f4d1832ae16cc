package io.polyhost.storage;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.IndexTypeMismatchException;
import java.util.Optional;

/**
 * Something indexes can be opened from: a {@link Snapshot}, a {@link Fork}, a {@link Patch}, or a
 * namespaced or read-only view of one of them.
 */
public interface StorageAccess {
  /** Whether indexes opened here accept writes. */
  boolean isWritable();

  /**
   * Opens the index at {@code address} as {@code type}; on a writable access a missing index is
   * created (its metadata is written to the fork).
   *
   * @throws IndexTypeMismatchException if the address holds an index of another type
   */
  RawIndex rawIndex(IndexAddress address, IndexType type);

  /**
   * Opens the index at {@code address} for reading only; never creates anything. A missing index
   * reads as empty.
   *
   * @throws IndexTypeMismatchException if the address holds an index of another type
   */
  RawIndex rawIndexForRead(IndexAddress address, IndexType type);

  /** The type of the index at {@code address}, if one exists. */
  Optional<IndexType> indexType(IndexAddress address);

  /** A read-only view of this access. */
  default StorageAccess readOnly() {
    return isWritable() ? new ReadOnlyAccess(this) : this;
  }

  /** A view in which every name {@code x} means {@code prefix.x}: a service's namespace. */
  default StorageAccess prefixed(String prefix) {
    return new PrefixedAccess(this, prefix);
  }
}
