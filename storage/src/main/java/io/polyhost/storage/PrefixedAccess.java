package io.polyhost.storage;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import java.util.Optional;

/**
 * A namespace: name {@code x} means {@code prefix.x} underneath. Namespaces cannot reach each other
 * because the prefix is one dot-free component, and cannot reach reserved names.
 */
final class PrefixedAccess implements StorageAccess {
  private final StorageAccess base;
  private final String prefix;

  PrefixedAccess(StorageAccess base, String prefix) {
    Namespaces.check(prefix, "Namespace prefix");
    this.base = base;
    this.prefix = prefix;
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

  private IndexAddress resolve(IndexAddress address) {
    if (address.name().startsWith("^")) {
      throw new IllegalArgumentException(
          "Index name '" + address.name() + "' is reserved for migrations");
    }
    return address.prepend(prefix);
  }
}
