package io.polyhost.storage;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import java.util.Optional;

/** What a database snapshot and a patch share: read-only index access over a {@link KvReader}. */
abstract class ReadOnlySnapshot implements Snapshot {
  /** Where the indexes are read from. */
  abstract KvReader reader();

  @Override
  public Hash stateHash() {
    return StateAggregator.stateHash(this);
  }

  @Override
  public boolean isWritable() {
    return false;
  }

  @Override
  public RawIndex rawIndex(IndexAddress address, IndexType type) {
    return rawIndexForRead(address, type);
  }

  @Override
  public RawIndex rawIndexForRead(IndexAddress address, IndexType type) {
    return Indexes.openForRead(reader(), address, type);
  }

  @Override
  public Optional<IndexType> indexType(IndexAddress address) {
    return Indexes.typeOf(reader(), address);
  }
}
