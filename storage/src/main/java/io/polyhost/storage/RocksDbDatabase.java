package io.polyhost.storage;

import io.polyhost.api.storage.StorageException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** The {@link Database} on RocksDB: one key space, every index under its own 8-byte id prefix. */
public final class RocksDbDatabase implements Database {
  private static final Cleaner CLEANER = Cleaner.create();

  static {
    RocksDB.loadLibrary();
  }

  private final Path directory;
  private final RocksDB rocks;
  private final Options options;
  private final LRUCache cache;
  private final WriteOptions writeOptions;
  private final Set<SnapshotHandle> openSnapshots = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private RocksDbDatabase(Path directory, DatabaseOptions settings) throws RocksDBException {
    this.directory = directory;
    this.cache = new LRUCache(settings.blockCacheBytes());
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(cache)
            .setFilterPolicy(new BloomFilter(10))
            .setCacheIndexAndFilterBlocks(true);
    this.options =
        new Options()
            .setCreateIfMissing(true)
            .setCompressionType(CompressionType.LZ4_COMPRESSION)
            .setTableFormatConfig(table)
            .setMaxOpenFiles(512);
    this.rocks = RocksDB.open(options, directory.toString());
    this.writeOptions = new WriteOptions().setSync(settings.syncWrites());
  }

  /**
   * Opens (or creates) the database in {@code directory} with default options.
   *
   * @throws StorageException if the directory cannot be used, e.g. another process holds it
   */
  public static RocksDbDatabase open(Path directory) {
    return open(directory, DatabaseOptions.defaults());
  }

  /**
   * Opens (or creates) the database in {@code directory}.
   *
   * @throws StorageException if the directory cannot be used, e.g. another process holds it
   */
  public static RocksDbDatabase open(Path directory, DatabaseOptions options) {
    try {
      Files.createDirectories(directory);
      return new RocksDbDatabase(directory, options);
    } catch (java.io.IOException | RocksDBException e) {
      throw new StorageException(
          "Cannot open the database in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The directory holding the database files. */
  public Path directory() {
    return directory;
  }

  @Override
  public Snapshot snapshot() {
    return newSnapshot();
  }

  @Override
  public Fork fork() {
    return new Fork(this, newSnapshot());
  }

  @Override
  public synchronized void merge(Patch patch) {
    checkOpen();
    if (patch.origin() != this) {
      throw new IllegalArgumentException("The patch was made from another database");
    }
    try (WriteBatch batch = new WriteBatch()) {
      for (Map.Entry<Long, IndexChanges> e : patch.changes().entrySet()) {
        long id = e.getKey();
        IndexChanges changes = e.getValue();
        if (changes.cleared) {
          batch.deleteRange(Keys.prefix(id), Keys.prefix(id + 1));
        }
        for (Map.Entry<byte[], byte[]> c : changes.entries.entrySet()) {
          byte[] raw = Keys.raw(id, c.getKey());
          if (c.getValue() != IndexChanges.DELETED) {
            batch.put(raw, c.getValue());
          } else if (!changes.cleared && rocks.keyMayExist(raw, null)) {
            // A key written and removed within one fork never reached the database; a delete
            // would only leave a tombstone that later seeks must step over. The check runs on
            // the live database under the merge lock, so no key can appear in between, and the
            // bloom filter never says "absent" for a key that is there.
            batch.delete(raw);
          }
        }
      }
      rocks.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new StorageException("Database write failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    List<SnapshotHandle> handles = new ArrayList<>(openSnapshots);
    for (SnapshotHandle h : handles) {
      h.release();
    }
    closed = true;
    writeOptions.close();
    rocks.close();
    options.close();
    cache.close();
  }

  RocksDB rocks() {
    checkOpen();
    return rocks;
  }

  void releaseSnapshot(SnapshotHandle handle, org.rocksdb.Snapshot snapshot) {
    if (openSnapshots.remove(handle) && !closed) {
      rocks.releaseSnapshot(snapshot);
    }
  }

  private DbSnapshot newSnapshot() {
    checkOpen();
    SnapshotHandle handle = new SnapshotHandle(this, rocks);
    openSnapshots.add(handle);
    return new DbSnapshot(this, handle, CLEANER);
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("The database in " + directory + " is closed");
    }
  }
}
