package io.polyhost.storage;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.IndexTypeMismatchException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Opening indexes through the registry; shared by snapshots, patches and forks. */
final class Indexes {
  private Indexes() {}

  static @Nullable StoredRawIndex openExisting(
      KvReader reader, @Nullable ChangeSet changes, IndexAddress address, IndexType type) {
    byte[] metadataKey = IndexRegistry.metadataKey(address);
    IndexMetadata metadata = IndexRegistry.lookup(reader, metadataKey);
    if (metadata == null) {
      return null;
    }
    if (metadata.type() != type) {
      throw new IndexTypeMismatchException(address, metadata.type(), type);
    }
    return new StoredRawIndex(address, metadata, metadataKey, reader, changes);
  }

  static RawIndex openForRead(KvReader reader, IndexAddress address, IndexType type) {
    RawIndex existing = openExisting(reader, null, address, type);
    return existing != null ? existing : new EmptyRawIndex(address, type);
  }

  static Optional<IndexType> typeOf(KvReader reader, IndexAddress address) {
    IndexMetadata metadata = IndexRegistry.lookup(reader, IndexRegistry.metadataKey(address));
    return metadata == null ? Optional.empty() : Optional.of(metadata.type());
  }
}
