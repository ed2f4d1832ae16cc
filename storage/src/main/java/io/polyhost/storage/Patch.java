package io.polyhost.storage;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import java.util.Map;
import java.util.Optional;

/**
 * The frozen changes of a fork, readable as a snapshot of the state they would produce, and applied
 * to the database all at once by {@link Database#merge}.
 */
public final class Patch implements Snapshot {
  private final RocksDbDatabase origin;
  private final DbSnapshot base;
  private final Map<Long, IndexChanges> changes;
  private final LayeredReader reader;

  Patch(RocksDbDatabase origin, DbSnapshot base, Map<Long, IndexChanges> changes) {
    this.origin = origin;
    this.base = base;
    this.changes = changes;
    this.reader = new LayeredReader(base, changes::get);
  }

  RocksDbDatabase origin() {
    return origin;
  }

  Map<Long, IndexChanges> changes() {
    return changes;
  }

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
    return Indexes.openForRead(reader, address, type);
  }

  @Override
  public Optional<IndexType> indexType(IndexAddress address) {
    return Indexes.typeOf(reader, address);
  }

  /** Releases the database snapshot under the patch; merging does not need it. */
  @Override
  public void close() {
    base.close();
  }
}
