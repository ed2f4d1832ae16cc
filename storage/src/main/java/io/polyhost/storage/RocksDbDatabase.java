package io.polyhost.storage;

import io.polyhost.api.storage.StorageException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
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

  /**
   * Derived entries merged since the last checkpoint; replaced (never changed) by each merge, and
   * read together with a RocksDB snapshot by {@link #newSnapshot}.
   */
  private volatile DerivedOverlay overlay = DerivedOverlay.EMPTY;

  /** The derivation log entries on disk (keys under {@link DerivationLog#LOG_ID}); merge lock. */
  private List<byte[]> logKeys = new ArrayList<>();

  /**
   * The checkpoint a thread of its own is writing, if any; merge lock. Its overlay is the oldest
   * part of {@link #overlay} and its log entries the first of {@link #logKeys} until it is taken in
   * (see {@link #takeInCheckpoint}).
   */
  private @Nullable BackgroundCheckpoint background;

  private int recoveredIndexes;
  private long checkpoints;

  /** The sequence number of the next log entry; merge lock. */
  private long logSequence;

  /** The most heap the overlay may hold before a merge checkpoints; 0 checkpoints every merge. */
  private final long overlayLimit;

  /**
   * The merges an overlay spans before it is written out; merges wait for that once it spans twice
   * as many. A page read that misses the page cache looks through one layer per merge, so this
   * bounds its cost whatever the budget in bytes.
   */
  static final int MAX_OVERLAY_LAYERS = 64;

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
            // Memtables of 16 MiB instead of 64: a merge inserts its keys (random hashes, for a
            // proof map) into a skip list whose nodes lie all over the memtable, and in a quarter
            // of the size far more of those nodes are still in the processor's caches. Inserting a
            // 1,000-key proof map batch took ~40 % less time, which was half the inserting
            // thread's time at 10k keys. Up to eight of them (128 MiB, as two of 64 MiB were)
            // so that a checkpoint larger than one does not stall the merges while they flush.
            .setWriteBufferSize(16L << 20)
            .setMaxWriteBufferNumber(8)
            .setMaxOpenFiles(512);
    this.rocks = RocksDB.open(options, directory.toString());
    this.writeOptions = new WriteOptions().setSync(settings.syncWrites());
    this.pageCache = ContentCache.withCapacity(settings.pageCacheBytes());
    this.recentValues = new RecentValues(settings.valueCacheBytes());
    this.overlayLimit = settings.deferredPageBytes();
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
      RocksDbDatabase db = new RocksDbDatabase(directory, options);
      try {
        DataFormat.checkOrMark(db.rocks, directory);
        db.recover();
      } catch (RuntimeException e) {
        db.closeWithoutCheckpoint();
        throw e;
      }
      return db;
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
    merge(patch, false);
  }

  /**
   * Writes {@code patch} in one atomic batch. Its derived entries join the in-memory overlay and
   * its derivation records the log, unless this merge checkpoints: then the batch starts with the
   * newest version of every overlay entry and the deletion of the log, and the patch's derived
   * entries follow like any other. An overlay past its budget is written out in the background
   * instead (see {@link BackgroundCheckpoint}).
   */
  private void merge(Patch patch, boolean forceCheckpoint) {
    boolean checkpoint = forceCheckpoint || mustCheckpoint(patch);
    // A checkpoint written here must not be overtaken by an older one written in the background,
    // and an overlay at twice its budget waits for the one under way.
    takeInCheckpoint(
        checkpoint
            || overlay.bytes() / 2 >= overlayLimit
            || overlay.layerCount() >= 2 * MAX_OVERLAY_LAYERS);
    // What the fork saw of its snapshot holds for the database only if nothing was merged since.
    boolean baseIsCurrent = patch.baseVersion() == merges.get();
    BatchEncoder batch = new BatchEncoder(batchScratch);
    // Indexes in the order of their key prefixes (big-endian ids), each in key order: the batch
    // is then one ascending run, the cheapest order for the memtable (see forEachInOrder).
    List<Map.Entry<Long, IndexChanges>> indexes = new ArrayList<>(patch.changes().entrySet());
    indexes.sort(Map.Entry.comparingByKey());
    long base = merges.get();
    EmptyTails.Successor tails = new EmptyTails.Successor(emptyTails, base);
    if (checkpoint) {
      writeCheckpoint(batch, patch);
    }
    for (Map.Entry<Long, IndexChanges> e : indexes) {
      long id = e.getKey();
      IndexChanges changes = e.getValue();
      if (changes.cleared) {
        clearIndex(batch, id);
      }
      byte[][] lastPut = {null};
      byte[] emptyFrom = baseIsCurrent ? patch.seenEmpty().emptyFrom(id) : null;
      changes.forEachInOrder((key, value) -> {
        if (value != IndexChanges.DELETED) {
          batch.put(id, key, value);
          lastPut[0] = key;
        } else if (!changes.cleared && mayHold(emptyFrom, id, key)) {
          // A key written and removed within one fork never reached the database; a delete
          // would only leave a tombstone that later seeks must step over.
          batch.delete(id, key);
        }
      });
      tails.index(id, changes.cleared, lastPut[0]);
    }
    DerivedOverlay nextOverlay;
    List<byte[]> nextLogKeys;
    if (checkpoint) {
      writeDerived(batch, patch.derived());
      nextOverlay = DerivedOverlay.EMPTY;
      nextLogKeys = new ArrayList<>();
    } else {
      nextOverlay = overlay.with(patch.derived());
      nextLogKeys = new ArrayList<>(logKeys);
      writeLog(batch, patch.logs(), nextLogKeys);
    }
    recentValues.beginMerge();
    mergesStarted.incrementAndGet();
    try (WriteBatch written = new WriteBatch(batch.toBytes())) {
      rocks.write(writeOptions, written);
      // Before anything else can fail: snapshots must never pair this write with the old overlay.
      overlay = nextOverlay;
      logKeys = nextLogKeys;
      checkpoints += checkpoint ? 1 : 0;
      reportWritten(indexes);
      emptyTails = tails.build();
      recentValues.endMerge(merges.incrementAndGet());
    } catch (RocksDBException e) {
      throw new StorageException("Database write failed: " + e.getMessage(), e);
    } finally {
      byte[] used = batch.buffer();
      batchScratch = used.length <= MAX_KEPT_BATCH_BUFFER ? used : batchScratch;
    }
    if (!checkpoint && background == null && overBudget()) {
      background = BackgroundCheckpoint.start(rocks, writeOptions, overlay, List.copyOf(logKeys));
    }
  }

  /**
   * Whether the overlay has grown past its budget in bytes or layers: then a thread of its own
   * writes it out while merges go on (see {@link BackgroundCheckpoint}).
   */
  private boolean overBudget() {
    return overlay.bytes() >= overlayLimit || overlay.layerCount() >= MAX_OVERLAY_LAYERS;
  }

  /**
   * Drops from the overlay and the log what the background checkpoint wrote out, once it has, or at
   * once after waiting for it if {@code wait}. Merge lock.
   *
   * @throws StorageException if the checkpoint could not be written; the overlay and the log keep
   *     what it would have written, and a later merge starts another
   */
  private void takeInCheckpoint(boolean wait) {
    BackgroundCheckpoint done = background;
    if (done == null || !(wait || done.isDone())) {
      return;
    }
    background = null;
    done.await();
    overlay = overlay.without(done.written());
    logKeys = new ArrayList<>(logKeys.subList(done.logEntries(), logKeys.size()));
    checkpoints++;
  }

  /**
   * Whether this merge must write the overlay out itself, first: deferring is off, or the patch
   * clears an index (clears and migrations delete what RocksDB holds, and must not have to know
   * about the overlay), or the patch has derived entries of an index that logged nothing (they
   * could not be rebuilt after a crash).
   */
  private boolean mustCheckpoint(Patch patch) {
    if (overlayLimit == 0) {
      return true;
    }
    for (IndexChanges c : patch.changes().values()) {
      if (c.cleared) {
        return true;
      }
    }
    for (Map.Entry<Long, IndexChanges> e : patch.derived().entrySet()) {
      List<byte[]> logged = patch.logs().get(e.getKey());
      if (e.getValue().cleared
          || (!e.getValue().isEmpty() && (logged == null || logged.isEmpty()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Puts the newest version of every overlay entry into {@code batch}, except those of indexes the
   * patch clears (the clear that follows reads RocksDB, not the batch), and deletes the log.
   */
  private void writeCheckpoint(BatchEncoder batch, Patch patch) {
    Set<Long> cleared = new HashSet<>();
    patch
        .changes()
        .forEach((id, changes) -> {
          if (changes.cleared) {
            cleared.add(id);
          }
        });
    overlay.forEachLatest((id, key, value) -> {
      if (cleared.isEmpty() || !cleared.contains(id)) {
        batch.write(id, key, value);
      }
    });
    for (byte[] key : logKeys) {
      batch.delete(DerivationLog.LOG_ID, key);
    }
  }

  /** Writes {@code derived} entries to {@code batch} like ordinary ones. */
  private static void writeDerived(BatchEncoder batch, Map<Long, IndexChanges> derived) {
    List<Map.Entry<Long, IndexChanges>> indexes = new ArrayList<>(derived.entrySet());
    indexes.sort(Map.Entry.comparingByKey());
    for (Map.Entry<Long, IndexChanges> e : indexes) {
      long id = e.getKey();
      e.getValue().forEachInOrder((key, value) -> batch.write(id, key, value));
    }
  }

  /** Writes one log entry per index with derivation records, noting its key in {@code keys}. */
  private void writeLog(BatchEncoder batch, Map<Long, List<byte[]>> logs, List<byte[]> keys) {
    List<Long> ids = new ArrayList<>(logs.keySet());
    ids.sort(null);
    for (long id : ids) {
      List<byte[]> records = logs.get(id);
      if (records == null || records.isEmpty()) {
        continue;
      }
      byte[] key = DerivationLog.key(id, logSequence++);
      batch.put(DerivationLog.LOG_ID, key, DerivationLog.encode(records));
      keys.add(key);
    }
  }

  /**
   * Rebuilds what a crash lost of the overlay: for each index with log entries, replays them onto
   * the derived entries on disk (those of the last checkpoint), then checkpoints, which also
   * deletes the log.
   *
   * @throws StorageException if an index cannot be rebuilt, or the result contradicts its state
   */
  private synchronized void recover() {
    DerivationLog.Contents log = DerivationLog.read(rocks);
    if (log.keys().isEmpty()) {
      return;
    }
    logKeys = new ArrayList<>(log.keys());
    recoveredIndexes = log.records().size();
    try (Fork fork = fork()) {
      for (Map.Entry<Long, List<byte[]>> e : log.records().entrySet()) {
        RawIndex raw = fork.rawIndexById(e.getKey());
        if (raw == null) {
          throw new StorageException(
              "Cannot open the database in "
                  + directory
                  + ": its derivation log names index id "
                  + e.getKey()
                  + ", which the registry does not hold");
        }
        if (raw.type() != io.polyhost.api.storage.IndexType.PROOF_MAP) {
          throw new StorageException(
              "Cannot open the database in "
                  + directory
                  + ": its derivation log names index '"
                  + raw.address()
                  + "' of type "
                  + raw.type()
                  + ", which keeps no derived entries");
        }
        io.polyhost.storage.index.ProofMapRecovery.replay(raw, e.getValue());
      }
      merge(fork.intoPatch(), true);
    }
  }

  /** How many indexes {@link #open} rebuilt derived entries of: 0 after a clean close. */
  synchronized int recoveredIndexes() {
    return recoveredIndexes;
  }

  /** How many merges wrote the overlay out since the database was opened. */
  synchronized long checkpoints() {
    return checkpoints;
  }

  /**
   * Closes the database as a crash would leave it: the overlay is not written out. For tests of
   * what {@link #open} rebuilds.
   */
  void closeAsIfCrashed() {
    closeWithoutCheckpoint();
  }

  /** Writes the overlay out, if it holds anything; used by a clean close. */
  private void checkpoint() {
    if (overlay.isEmpty() && logKeys.isEmpty()) {
      return;
    }
    try (Fork fork = fork()) {
      merge(fork.intoPatch(), true);
    }
  }

  /**
   * Writes the overlay out now, so that RocksDB alone holds the whole state: for tests that compare
   * the raw key spaces of two databases.
   */
  synchronized void checkpointNow() {
    checkOpen();
    checkpoint();
  }

  /** The overlay of derived entries merged since the last checkpoint (for tests and figures). */
  DerivedOverlay overlay() {
    return overlay;
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
   * Whether the database may hold {@code key} of index {@code id}, which holds nothing from {@code
   * emptyFrom} on if that is not {@code null}. Asked under the merge lock, so no key can appear in
   * between; the bloom filter never says "absent" for a key that is there.
   */
  private boolean mayHold(byte @Nullable [] emptyFrom, long id, byte[] key) {
    if (emptyFrom != null && Arrays.compareUnsigned(key, emptyFrom) >= 0) {
      return false;
    }
    return rocks.keyMayExist(Keys.raw(id, key), null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Writes the derived entries held in memory first, so that the next open has nothing to
   * rebuild. Should that fail, the database still closes; the next open rebuilds them from the log.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      checkpoint();
    } catch (RuntimeException e) {
      // Nothing is lost: the log on disk still covers every derived entry not written.
    }
    closeWithoutCheckpoint();
  }

  private synchronized void closeWithoutCheckpoint() {
    if (closed) {
      return;
    }
    BackgroundCheckpoint writing = background;
    if (writing != null) {
      background = null;
      try {
        writing.await(); // RocksDB must not close under its write
      } catch (StorageException e) {
        // Nothing is lost: the log on disk still covers what it would have written.
      }
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

  /**
   * A snapshot and the overlay that goes with it. Without the merge lock when no merge is under
   * way, the usual case; otherwise under it, since a merge publishes its overlay just after its
   * RocksDB write and a snapshot taken in between would pair the new write with the old overlay.
   */
  private DbSnapshot newSnapshot() {
    checkOpen();
    // Read before the snapshot is taken: a merge in between then only makes the count too low.
    long version = merges.get();
    DerivedOverlay seen = overlay;
    SnapshotHandle handle = new SnapshotHandle(this, rocks);
    openSnapshots.add(handle);
    // No merge began since the count was read, and none was under way then (a merge begins
    // before it writes and is counted after): the snapshot shows exactly the state after
    // `version` merges, and `seen` is the overlay that merge published.
    boolean exact = mergesStarted.get() == version;
    if (!exact) {
      handle.release();
      return newSnapshotLocked();
    }
    return new DbSnapshot(this, handle, version, true, seen, CLEANER);
  }

  private synchronized DbSnapshot newSnapshotLocked() {
    checkOpen();
    long version = merges.get();
    SnapshotHandle handle = new SnapshotHandle(this, rocks);
    // False for good after a failed merge, whose outcome is unknown; the overlay is right anyway.
    boolean exact = mergesStarted.get() == version;
    openSnapshots.add(handle);
    return new DbSnapshot(this, handle, version, exact, overlay, CLEANER);
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("The database in " + directory + " is closed");
    }
  }
}
