package io.polyhost.storage;

import io.polyhost.api.storage.StorageException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** The {@link Database} on RocksDB: one key space, every index under its own 8-byte id prefix. */
public final class RocksDbDatabase implements Database {
  private static final Cleaner CLEANER = Cleaner.create();

  /** The largest index a clear deletes key by key rather than with a range deletion. */
  static final int POINT_CLEAR_LIMIT = 1_000;

  static {
    RocksDB.loadLibrary();
  }

  private final Path directory;
  private final RocksDB rocks;
  private final Options options;
  private final LRUCache cache;
  private final WriteOptions writeOptions;
  private final ContentCache pageCache;
  private final RecentValues recentValues;
  private final Set<SnapshotHandle> openSnapshots = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private final AtomicLong merges = new AtomicLong();

  /**
   * Merges begun; ahead of {@link #merges} while one is writing, and for good after one failed (its
   * outcome unknown). A snapshot knows exactly which state it shows only if both were equal around
   * its creation.
   */
  private final AtomicLong mergesStarted = new AtomicLong();

  private volatile EmptyTails emptyTails = EmptyTails.NONE;

  /** The buffer the next merge encodes its batch into; only touched under the merge lock. */
  private byte[] batchScratch = new byte[1 << 16];

  /** A batch buffer larger than this (a migration's merge, say) is not kept for the next merge. */
  private static final int MAX_KEPT_BATCH_BUFFER = 8 << 20;

  private RocksDbDatabase(Path directory, DatabaseOptions settings) throws RocksDBException {
    this.directory = directory;
    this.cache = new LRUCache(settings.blockCacheBytes());
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(cache)
            .setFilterPolicy(new BloomFilter(10))
            .setCacheIndexAndFilterBlocks(true);
    this.options =
        withMemtableHints()
            .setCreateIfMissing(true)
            .setCompressionType(CompressionType.LZ4_COMPRESSION)
            .setTableFormatConfig(table)
            // A whole-key bloom filter over the memtable: a block reads many keys that do not
            // exist (is this transaction already committed?), and without the filter each such
            // read walks the memtable's skip list to the bottom.
            .setMemtablePrefixBloomSizeRatio(0.05)
            .setMemtableWholeKeyFiltering(true)
            .setMaxOpenFiles(512);
    this.rocks = RocksDB.open(options, directory.toString());
    this.writeOptions = new WriteOptions().setSync(settings.syncWrites());
    this.pageCache = ContentCache.withCapacity(settings.pageCacheBytes());
    this.recentValues = new RecentValues(settings.valueCacheBytes());
    recentValues.open(merges.get());
  }

  /**
   * Column family options with one memtable insert hint per index (the 8-byte id prefix). A merge
   * writes each index's keys in ascending order; RocksDB's default insert reuses the previous
   * insert's position only when the next key lands right after it, and otherwise searches the
   * memtable's skip list from the top. With a hint per index, an insert into an index keyed by
   * random hashes (transaction bodies and locations) climbs only as high as the gap from that
   * index's previous insert. It changes where entries are found in memory, not what is stored.
   */
  private static Options withMemtableHints() {
    Properties props = new Properties();
    props.setProperty("memtable_insert_with_hint_prefix_extractor", "rocksdb.FixedPrefix.8");
    ColumnFamilyOptions family = ColumnFamilyOptions.getColumnFamilyOptionsFromProps(props);
    if (family == null) {
      throw new IllegalStateException("RocksDB refused the memtable insert hint option");
    }
    try (family;
        DBOptions db = new DBOptions()) {
      return new Options(db, family); // a copy of both
    }
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
    // What the fork saw of its snapshot holds for the database only if nothing was merged since.
    boolean baseIsCurrent = patch.baseVersion() == merges.get();
    BatchEncoder batch = new BatchEncoder(batchScratch);
    // Indexes in the order of their key prefixes (big-endian ids), each in key order: the batch
    // is then one ascending run, the cheapest order for the memtable (see forEachInOrder).
    List<Map.Entry<Long, IndexChanges>> indexes = new ArrayList<>(patch.changes().entrySet());
    indexes.sort(Map.Entry.comparingByKey());
    long base = merges.get();
    EmptyTails.Successor tails = new EmptyTails.Successor(emptyTails, base);
    for (Map.Entry<Long, IndexChanges> e : indexes) {
      long id = e.getKey();
      IndexChanges changes = e.getValue();
      if (changes.cleared) {
        clearIndex(batch, id);
      }
      byte[][] lastPut = {null};
      changes.forEachInOrder((key, value) -> {
        if (value != IndexChanges.DELETED) {
          batch.put(id, key, value);
          lastPut[0] = key;
        } else if (!changes.cleared && mayHold(patch, baseIsCurrent, id, key)) {
          // A key written and removed within one fork never reached the database; a delete
          // would only leave a tombstone that later seeks must step over.
          batch.delete(id, key);
        }
      });
      tails.index(id, changes.cleared, lastPut[0]);
    }
    recentValues.beginMerge();
    mergesStarted.incrementAndGet();
    try (WriteBatch written = new WriteBatch(batch.toBytes())) {
      rocks.write(writeOptions, written);
      reportWritten(indexes);
      emptyTails = tails.build();
      recentValues.endMerge(merges.incrementAndGet());
    } catch (RocksDBException e) {
      throw new StorageException("Database write failed: " + e.getMessage(), e);
    } finally {
      byte[] used = batch.buffer();
      batchScratch = used.length <= MAX_KEPT_BATCH_BUFFER ? used : batchScratch;
    }
  }

  /**
   * Deletes every key the database holds of index {@code id}: one by one if there are at most
   * {@link #POINT_CLEAR_LIMIT}, otherwise with one range deletion. Asked under the merge lock, so
   * the keys read are the current ones.
   *
   * <p>Why not always a range deletion: while a memtable holds any, RocksDB's batched reads skip
   * that memtable's bloom filter and search its skip list for every key, until it is flushed. A
   * single clear of an empty index in the genesis block made every block's committed check (a
   * thousand absent keys) search the skip list until the first flush: no-op blocks of 1,000 cost
   * 14-20 % more CPU for their first ~160 blocks.
   */
  private void clearIndex(BatchEncoder batch, long id) {
    byte[] prefix = Keys.prefix(id);
    List<byte[]> held = new ArrayList<>();
    try (RocksIterator it = rocks.newIterator()) {
      it.seek(prefix);
      while (it.isValid() && held.size() <= POINT_CLEAR_LIMIT) {
        byte[] raw = it.key();
        if (raw.length < Keys.ID_SIZE
            || !Arrays.equals(raw, 0, Keys.ID_SIZE, prefix, 0, Keys.ID_SIZE)) {
          break;
        }
        held.add(raw);
        it.next();
      }
      it.status();
    } catch (RocksDBException e) {
      throw new StorageException("Database read failed: " + e.getMessage(), e);
    }
    if (held.size() > POINT_CLEAR_LIMIT) {
      batch.deleteIndex(id);
    } else {
      for (byte[] raw : held) {
        batch.delete(id, Arrays.copyOfRange(raw, Keys.ID_SIZE, raw.length));
      }
    }
  }

  /** Tells the value cache every key a merge has just written. */
  private void reportWritten(List<Map.Entry<Long, IndexChanges>> indexes) {
    for (Map.Entry<Long, IndexChanges> e : indexes) {
      if (e.getValue().cleared) {
        recentValues.forgetAll();
        return;
      }
    }
    for (Map.Entry<Long, IndexChanges> e : indexes) {
      long id = e.getKey();
      if (recentValues.mayHold(id)) {
        e.getValue()
            .forEachInOrder((key, value) ->
                recentValues.written(
                    Keys.raw(id, key), value == IndexChanges.DELETED ? null : value));
      }
    }
  }

  /** The cache of values of the current state, for snapshots that show exactly that state. */
  RecentValues recentValues() {
    return recentValues;
  }

  /**
   * Whether the database may hold {@code key} of index {@code id}. Asked under the merge lock, so
   * no key can appear in between; the bloom filter never says "absent" for a key that is there.
   */
  private boolean mayHold(Patch patch, boolean baseIsCurrent, long id, byte[] key) {
    if (baseIsCurrent && patch.seenEmpty().knownAbsent(id, key)) {
      return false;
    }
    return rocks.keyMayExist(Keys.raw(id, key), null);
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

  /** The cache of trie pages shared by every snapshot, fork and patch of this database. */
  ContentCache pageCache() {
    return pageCache;
  }

  /**
   * Whether the state after {@code version} merges is known to hold no key of index {@code id} at
   * or after {@code from}; ask only for a snapshot that shows exactly that state.
   */
  boolean knownEmpty(long version, long id, byte[] from) {
    return emptyTails.covers(version, id, from);
  }

  /**
   * Records what a scan of a snapshot showing exactly the state after {@code version} merges found:
   * nothing of index {@code id} at or after {@code from}. Kept only if that is still the current
   * state; the merge lock keeps a merge from slipping in between.
   */
  synchronized void learnEmpty(long version, long id, byte[] from) {
    if (!closed && merges.get() == version && mergesStarted.get() == version) {
      emptyTails = emptyTails.learn(version, id, from);
    }
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
    // Read before the snapshot is taken: a merge in between then only makes the count too low.
    long version = merges.get();
    SnapshotHandle handle = new SnapshotHandle(this, rocks);
    // No merge began since the count was read, and none was under way then (a merge begins
    // before it writes and is counted after): the snapshot shows exactly the state after
    // `version` merges.
    boolean exact = mergesStarted.get() == version;
    openSnapshots.add(handle);
    return new DbSnapshot(this, handle, version, exact, CLEANER);
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("The database in " + directory + " is closed");
    }
  }
}
