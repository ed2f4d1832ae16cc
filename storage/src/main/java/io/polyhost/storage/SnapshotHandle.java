package io.polyhost.storage;

import io.polyhost.api.storage.StorageException;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;

/**
 * Owns one native RocksDB snapshot and its read options. Released exactly once: by the snapshot's
 * {@code close()}, by the garbage collector through a cleaner, or by the database on close.
 */
final class SnapshotHandle implements Runnable {
  private final RocksDbDatabase db;
  private org.rocksdb.@Nullable Snapshot snapshot;
  private final ReadOptions readOptions;

  SnapshotHandle(RocksDbDatabase db, RocksDB rocks) {
    this.db = db;
    this.snapshot = rocks.getSnapshot();
    this.readOptions = new ReadOptions().setSnapshot(snapshot);
  }

  synchronized ReadOptions readOptions() {
    if (snapshot == null) {
      throw new StorageException("This snapshot was closed (or its database was closed)");
    }
    return readOptions;
  }

  @Override
  public void run() {
    release();
  }

  synchronized void release() {
    org.rocksdb.Snapshot s = snapshot;
    if (s != null) {
      snapshot = null;
      db.releaseSnapshot(this, s);
      readOptions.close();
    }
  }
}
