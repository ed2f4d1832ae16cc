package io.polyhost.storage;

import io.polyhost.api.storage.StorageException;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/** A RocksDB snapshot read through the key layout of {@link Keys}. */
final class DbSnapshot extends ReadOnlySnapshot implements KvReader {
  /** How many entries one native iterator reads before it is closed and the scan re-seeks. */
  private static final int CHUNK = 256;

  private final RocksDbDatabase db;
  private final SnapshotHandle handle;
  private final Cleaner.Cleanable cleanable;
  private final long version;
  private final boolean exact;
  private final DerivedOverlay overlay;

  /**
   * A snapshot {@code handle} taken when {@code version} merges had completed, or later; {@code
   * exact} if it is known to show precisely the state after those merges; {@code overlay} holds the
   * derived entries merged since the last checkpoint that {@code handle} shows.
   */
  DbSnapshot(
      RocksDbDatabase db,
      SnapshotHandle handle,
      long version,
      boolean exact,
      DerivedOverlay overlay,
      Cleaner cleaner) {
    this.db = db;
    this.overlay = overlay;
    this.handle = handle;
    this.version = version;
    this.exact = exact;
    this.cleanable = cleaner.register(this, handle);
  }

  @Override
  public byte @Nullable [] get(long id, byte[] key) {
    ReadOptions options = handle.readOptions();
    byte[] raw = Keys.raw(id, key);
    RecentValues recent = db.recentValues();
    if (exact) {
      byte[] cached = recent.get(version, id, raw);
      if (cached != null) {
        return cached;
      }
    }
    try {
      byte[] value = db.rocks().get(options, raw);
      if (exact && value != null) {
        recent.learn(version, id, raw, value);
      }
      return value;
    } catch (RocksDBException e) {
      throw new StorageException("Database read failed: " + e.getMessage(), e);
    }
  }

  @Override
  public byte @Nullable [] getDerived(long id, byte[] key) {
    ReadOptions options = handle.readOptions(); // fails once closed, even where the overlay knows
    byte[] deferred = overlay.get(id, key);
    if (deferred != null) {
      return deferred == IndexChanges.DELETED ? null : deferred;
    }
    try {
      return db.rocks().get(options, Keys.raw(id, key));
    } catch (RocksDBException e) {
      throw new StorageException("Database read failed: " + e.getMessage(), e);
    }
  }

  @Override
  @SuppressWarnings("NullAway") // RocksJava's list is unannotated; it holds null for absent keys
  public List<byte @Nullable []> getAll(long id, List<byte[]> keys) {
    ReadOptions options = handle.readOptions();
    if (keys.isEmpty()) {
      return new ArrayList<>(); // RocksJava refuses an empty batch
    }
    List<byte[]> raw = new ArrayList<>(keys.size());
    for (byte[] key : keys) {
      raw.add(Keys.raw(id, key));
    }
    try {
      // One native call; RocksDB batches the memtable and filter probes of all the keys.
      return db.rocks().multiGetAsList(options, raw);
    } catch (RocksDBException e) {
      throw new StorageException("Database read failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Iterator<RawEntry> scan(long id, byte[] from) {
    // A closed snapshot or database must still fail, even where no native read is needed.
    handle.readOptions();
    db.rocks();
    if (exact && db.knownEmpty(version, id, from)) {
      return Collections.emptyIterator();
    }
    ChunkedScan scan = new ChunkedScan(id, from);
    if (exact && !scan.hasNext()) {
      db.learnEmpty(version, id, from);
    }
    return scan;
  }

  /**
   * A lower bound of the database's merge count at this snapshot: equal to the current count only
   * if the snapshot shows the database as it is now.
   */
  long version() {
    return version;
  }

  /** Whether this snapshot shows exactly the state after {@link #version()} merges. */
  boolean exact() {
    return exact;
  }

  @Override
  public ContentCache pageCache() {
    return db.pageCache();
  }

  @Override
  KvReader reader() {
    return this;
  }

  @Override
  public void close() {
    cleanable.clean();
  }

  /**
   * Reads {@link #CHUNK} entries per native iterator so that no native iterator outlives a call.
   */
  private final class ChunkedScan implements Iterator<RawEntry> {
    private final long id;
    private final byte[] prefix;
    private List<RawEntry> batch = Collections.emptyList();
    private int pos;
    private byte @Nullable [] nextFrom;

    ChunkedScan(long id, byte[] from) {
      this.id = id;
      this.prefix = Keys.prefix(id);
      this.nextFrom = from;
      fill();
    }

    private void fill() {
      byte[] from = nextFrom;
      if (from == null) {
        return;
      }
      List<RawEntry> next = new ArrayList<>(Math.min(CHUNK, 16));
      try (RocksIterator it = db.rocks().newIterator(handle.readOptions())) {
        it.seek(Keys.raw(id, from));
        while (it.isValid() && next.size() < CHUNK) {
          byte[] raw = it.key();
          if (raw.length < 8 || !Arrays.equals(raw, 0, 8, prefix, 0, 8)) {
            break;
          }
          next.add(new RawEntry(Arrays.copyOfRange(raw, 8, raw.length), it.value()));
          it.next();
        }
      }
      batch = next;
      pos = 0;
      nextFrom = next.size() == CHUNK ? Keys.successor(next.get(CHUNK - 1).key()) : null;
    }

    @Override
    public boolean hasNext() {
      if (pos == batch.size() && nextFrom != null) {
        fill();
      }
      return pos < batch.size();
    }

    @Override
    public RawEntry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return batch.get(pos++);
    }
  }
}
