package io.polyhost.storage;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import java.util.Optional;

/** Opens every index of a writable access read-only, creating nothing. */
final class ReadOnlyAccess implements StorageAccess {
  private final StorageAccess base;

  ReadOnlyAccess(StorageAccess base) {
    this.base = base;
  }

  @Override
  public boolean isWritable() {
    return false;
  }

  @Override
  public RawIndex rawIndex(IndexAddress address, IndexType type) {
    return base.rawIndexForRead(address, type);
  }

  @Override
  public RawIndex rawIndexForRead(IndexAddress address, IndexType type) {
    return base.rawIndexForRead(address, type);
  }

  @Override
  public Optional<IndexType> indexType(IndexAddress address) {
    return base.indexType(address);
  }
}
