package io.polyhost.storage;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Values of the database's current state that were read recently, so that reading them again (a
 * service reads the same accounts block after block) costs a map lookup instead of a native RocksDB
 * read that searches the memtables and probes the filters of every level.
 *
 * <p>Unlike {@link ContentCache}, whose names fix their content, a key's value changes with every
 * merge that writes it. Every entry therefore describes the state after exactly {@link #version}
 * merges, and is used only by snapshots that show exactly that state ({@link DbSnapshot}'s exact
 * version). A merge makes the cache unusable before it writes ({@link #beginMerge}), updates or
 * drops every cached key it wrote once the write succeeded ({@link #written}), and only then names
 * the new version ({@link #endMerge}); a merge that fails leaves it unusable for good, as it leaves
 * every later snapshot inexact. A reader adds what it read ({@link #learn}) only if the cache still
 * describes the version its snapshot shows: the check and the insertion happen under the segment's
 * lock, and a merge updates under the same lock after it has made the cache unusable, so a value
 * read before a merge can never outlive it.
 *
 * <p>Values are copied in and out: callers may modify what they get. Absent keys are not cached.
 *
 * <p>The cache counts its entries per index, so a merge reports only the keys of indexes the cache
 * holds something of: a proof map whose few cached keys were removed again (a block read and
 * deleted them) costs its later merges nothing here.
 */
final class RecentValues {
  /** Bytes charged per entry besides key and value: map node, key wrapper and array headers. */
  static final int ENTRY_OVERHEAD = 112;

  /** Larger values are not kept: one of them would displace hundreds of small ones. */
  static final int MAX_VALUE_SIZE = 4096;

  private static final int SEGMENTS = 16;
  private static final long UNUSABLE = -1;

  private final Segment[] segments = new Segment[SEGMENTS];
  // Entries per index, plus readers about to add one: a merge reports keys only of indexes with a
  // positive count, so writes to indexes that are never read with `get` (transaction bodies,
  // locations) or whose cached keys are gone cost nothing here. Changed under segment locks.
  private final Map<Long, AtomicLong> countById = new ConcurrentHashMap<>();
  private final boolean enabled;
  private volatile long version = UNUSABLE;

  /** A cache of about {@code capacityBytes}; 0 disables it. */
  RecentValues(long capacityBytes) {
    this.enabled = capacityBytes > 0;
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment(capacityBytes / SEGMENTS);
    }
  }

  /** Starts describing the state after {@code merges} merges: an empty database at opening. */
  void open(long merges) {
    version = merges;
  }

  /** A copy of the value of {@code rawKey} in the state after {@code at} merges, if cached. */
  byte @Nullable [] get(long at, long id, byte[] rawKey) {
    if (!enabled || at != version || !mayHold(id)) {
      return null;
    }
    RawKey key = new RawKey(rawKey);
    Segment s = segment(key);
    synchronized (s) {
      if (at != version) {
        return null;
      }
      byte[] value = s.values.get(key);
      return value == null ? null : value.clone();
    }
  }

  /**
   * Records that {@code rawKey} of index {@code id} holds {@code value} after {@code at} merges.
   */
  void learn(long at, long id, byte[] rawKey, byte[] value) {
    if (!enabled || at != version || value.length > MAX_VALUE_SIZE) {
      return;
    }
    // Announce the entry in its index's count before checking the version: a merge marks the
    // cache unusable before it reads the counts, so either it sees this one and updates the key
    // after this insertion (under the same lock), or this check sees its mark and inserts nothing.
    AtomicLong count = countById.computeIfAbsent(id, unused -> new AtomicLong());
    count.incrementAndGet();
    RawKey key = new RawKey(rawKey.clone());
    Segment s = segment(key);
    synchronized (s) {
      if (at != version || !s.put(key, value.clone())) {
        count.decrementAndGet(); // nothing added after all
      }
    }
  }

  /** Whether a merge must report the keys it writes to index {@code id} ({@link #written}). */
  boolean mayHold(long id) {
    if (!enabled) {
      return false;
    }
    AtomicLong count = countById.get(id);
    return count != null && count.get() > 0;
  }

  /** Makes the cache unusable until {@link #endMerge}; called before a merge writes. */
  void beginMerge() {
    version = UNUSABLE;
  }

  /**
   * Records that a merge wrote {@code value} at {@code rawKey} ({@code null}: removed it); call
   * after {@link #beginMerge}. A cached key takes the new value, so a key read once stays cached
   * however often it is written (an account is read and written by every transfer); other keys are
   * not added.
   */
  void written(byte[] rawKey, byte @Nullable [] value) {
    RawKey key = new RawKey(rawKey);
    Segment s = segment(key);
    synchronized (s) {
      if (value == null || value.length > MAX_VALUE_SIZE) {
        s.remove(key);
      } else if (s.values.containsKey(key)) {
        s.put(key, value.clone()); // replaces a counted entry
      }
    }
  }

  /** Drops everything: a merge cleared a whole index. */
  void forgetAll() {
    for (Segment s : segments) {
      synchronized (s) {
        s.clear();
      }
    }
  }

  /** Describes the state after {@code merges} merges, the count the finished merge reached. */
  void endMerge(long merges) {
    version = merges;
  }

  /** The bytes currently charged, entry overhead included. */
  long size() {
    long total = 0;
    for (Segment s : segments) {
      synchronized (s) {
        total += s.size;
      }
    }
    return total;
  }

  private Segment segment(RawKey key) {
    return segments[key.hash >>> 28];
  }

  /** One entry of index {@code id} fewer; under the lock of the segment that held it. */
  private void uncount(RawKey key) {
    AtomicLong count = countById.get(Keys.readLong(key.bytes, 0));
    if (count != null) {
      count.decrementAndGet();
    }
  }

  /** A key compared by content. */
  private record RawKey(byte[] bytes, int hash) {
    RawKey(byte[] bytes) {
      this(bytes, hash(bytes));
    }

    static int hash(byte[] bytes) {
      // Spread, as the segment takes the top bits and the map the low ones.
      int h = Arrays.hashCode(bytes);
      return h * 0x9E3779B9;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RawKey other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** One segment: least recently used out first, guarded by its own monitor. */
  private final class Segment {
    private final long capacity;
    private final LinkedHashMap<RawKey, byte[]> values = new LinkedHashMap<>(256, 0.75f, true);
    private long size;

    Segment(long capacity) {
      this.capacity = capacity;
    }

    /** Whether the key is new here: then the caller has counted it, and evictions uncount. */
    boolean put(RawKey key, byte[] value) {
      long charge = charge(key, value);
      if (charge > capacity) {
        return false;
      }
      byte[] old = values.put(key, value);
      size += charge - (old == null ? 0 : charge(key, old));
      var eldest = values.entrySet().iterator();
      while (size > capacity) {
        Map.Entry<RawKey, byte[]> e = eldest.next();
        size -= charge(e.getKey(), e.getValue());
        uncount(e.getKey());
        eldest.remove();
      }
      return old == null;
    }

    void remove(RawKey key) {
      byte[] old = values.remove(key);
      if (old != null) {
        size -= charge(key, old);
        uncount(key);
      }
    }

    void clear() {
      for (RawKey key : values.keySet()) {
        uncount(key);
      }
      values.clear();
      size = 0;
    }

    private static long charge(RawKey key, byte[] value) {
      return key.bytes.length + value.length + ENTRY_OVERHEAD;
    }
  }
}
