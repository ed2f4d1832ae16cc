package io.polyhost.storage;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.StorageException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A writable view: a snapshot plus the changes made through it, kept in memory until the fork
 * becomes a {@link Patch} and is merged into the database.
 *
 * <p>{@link #flush()} and {@link #rollback()} make the fork the isolation boundary of one
 * transaction: rollback discards every change since the last flush, as if it never happened. A fork
 * is used by one thread at a time.
 */
public final class Fork implements StorageAccess, AutoCloseable {
  private final RocksDbDatabase origin;
  private final DbSnapshot base;
  private final ChangeSet changes = new ChangeSet();
  private final LayeredReader reader;
  private final Map<Long, StoredRawIndex> writable = new HashMap<>();
  private boolean finished;

  Fork(RocksDbDatabase origin, DbSnapshot base) {
    this.origin = origin;
    this.base = base;
    this.reader = new LayeredReader(base, changes::get);
  }

  /** Makes every change so far permanent within this fork: a later rollback keeps it. */
  public void flush() {
    checkOpen();
    changes.flush();
  }

  /** Discards every change made since the last {@link #flush()}. */
  public void rollback() {
    checkOpen();
    changes.rollback();
  }

  /**
   * Ends the fork and returns its changes as a patch, with the state aggregator brought up to date
   * for every Merkelized index the fork touched. Unflushed changes are included.
   */
  public Patch intoPatch() {
    checkOpen();
    StateAggregator.update(this, touchedMerkelized());
    changes.flush();
    finished = true;
    return new Patch(origin, base, changes.all());
  }

  @Override
  public boolean isWritable() {
    return true;
  }

  @Override
  public RawIndex rawIndex(IndexAddress address, IndexType type) {
    checkOpen();
    StoredRawIndex index = Indexes.openExisting(reader, changes, address, type);
    if (index == null) {
      IndexMetadata created = IndexRegistry.create(reader, changes, address, type);
      index =
          new StoredRawIndex(address, created, IndexRegistry.metadataKey(address), reader, changes);
    }
    writable.put(index.id(), index);
    return index;
  }

  @Override
  public RawIndex rawIndexForRead(IndexAddress address, IndexType type) {
    checkOpen();
    return Indexes.openForRead(reader, address, type);
  }

  @Override
  public Optional<IndexType> indexType(IndexAddress address) {
    checkOpen();
    return Indexes.typeOf(reader, address);
  }

  /** Releases the snapshot underneath; a fork that became a patch hands it over instead. */
  @Override
  public void close() {
    if (!finished) {
      finished = true;
      base.close();
    }
  }

  private List<StoredRawIndex> touchedMerkelized() {
    List<StoredRawIndex> touched = new ArrayList<>();
    for (StoredRawIndex index : writable.values()) {
      if (StateAggregator.isAggregated(index.address(), index.type()) && wasChanged(index)) {
        touched.add(index);
      }
    }
    return touched;
  }

  private boolean wasChanged(StoredRawIndex index) {
    IndexChanges own = changes.get(index.id());
    if (own != null && !own.isEmpty()) {
      return true;
    }
    IndexChanges registry = changes.get(Keys.METADATA_ID);
    return registry != null
        && registry.entries.containsKey(IndexRegistry.metadataKey(index.address()));
  }

  private void checkOpen() {
    if (finished) {
      throw new StorageException("This fork was already turned into a patch or closed");
    }
  }
}
