package io.polyhost.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Changes to one index made on top of a snapshot: written values, removals (the {@link #DELETED}
 * marker) and whether everything underneath was cleared first.
 *
 * <p>Point reads and writes go to a hash table: a fork writes thousands of keys and reads most of
 * them back, and a sorted map made each of those cost a dozen key comparisons. The table is open
 * addressed (linear probing over an array of the stored keys, each holding its change), so a write
 * of a new key allocates one object instead of a map node and a key. Key order is only needed by
 * scans and merges, so a sorted array of the keys is built when one asks for it, by merging the
 * keys added since the last one into it.
 *
 * <p>Once a fork has become a patch its changes are never written again; threads may then read them
 * ({@link #get}) concurrently, which is how the database's overlay of derived entries uses the
 * patch's own change maps. Only the merge lock's holder sorts them.
 */
final class IndexChanges {
  /** Marks a removed key; compared by identity. */
  static final byte[] DELETED = new byte[0];

  private static final int MIN_CAPACITY = 16;

  /** Keys by hash, linear probing; {@code null} slots are free. At most half full. */
  private @Nullable Key[] table = new Key[MIN_CAPACITY];

  /**
   * The hash of the key in each slot of {@link #table}: a probe compares these first and reads a
   * key object only when the hashes agree, and growing the table reads no key object at all. A
   * checkpoint layers hundreds of thousands of keys allocated all over the heap; reading each
   * probed key object for its hash made that several times slower than a hash map's nodes.
   */
  private int[] hashes = new int[MIN_CAPACITY];

  private int count;
  private Key[] sorted = new Key[0];
  private final List<Key> addedSinceSort = new ArrayList<>();
  private boolean removedSinceSort;
  boolean cleared;

  /**
   * A changed key with its hash and its first 8 bytes (big-endian, zero-padded) computed once:
   * sorting a block's few thousand keys then mostly compares two longs instead of two arrays. The
   * stored key also holds the current change ({@code value}, {@code null} once removed), so a merge
   * walking the sorted keys needs no lookup per key.
   */
  private static final class Key {
    final byte[] bytes;
    final int hash;
    final long head;
    byte @Nullable [] value;

    private Key(byte[] bytes, int hash) {
      this.bytes = bytes;
      this.hash = hash;
      this.head = head(bytes);
    }

    private Key(Key other) {
      this.bytes = other.bytes;
      this.hash = other.hash;
      this.head = other.head;
      this.value = other.value;
    }

    private static long head(byte[] bytes) {
      long head = 0;
      int n = Math.min(8, bytes.length);
      for (int i = 0; i < n; i++) {
        head |= (bytes[i] & 0xffL) << (56 - 8 * i);
      }
      return head;
    }

    /** Unsigned lexicographic order of the bytes; zero padding makes equal heads undecided. */
    static int compare(Key a, Key b) {
      int byHead = Long.compareUnsigned(a.head, b.head);
      return byHead != 0 ? byHead : Arrays.compareUnsigned(a.bytes, b.bytes);
    }
  }

  /** The hash {@link #get(byte[], int)} takes: callers looking a key up in many layers reuse it. */
  static int hash(byte[] key) {
    return Arrays.hashCode(key);
  }

  /**
   * The slot to start probing at in a table of {@code mask + 1} slots: the top bits of the hash
   * after a multiplicative spread, so that hashes differing only in high bits still spread.
   */
  private static int home(int hash, int mask) {
    return (hash * 0x9E3779B9) >>> Integer.numberOfLeadingZeros(mask);
  }

  /** The slot holding {@code key}, or the free slot where it would go. */
  private int slotOf(byte[] key, int hash) {
    @Nullable Key[] t = table;
    int[] h = hashes;
    int mask = t.length - 1;
    int i = home(hash, mask);
    while (true) {
      @Nullable Key k = t[i];
      if (k == null || (h[i] == hash && Arrays.equals(k.bytes, key))) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  boolean isEmpty() {
    return !cleared && count == 0;
  }

  /** The number of changed keys. */
  int size() {
    return count;
  }

  /** The value written at {@code key} ({@link #DELETED} if removed), or {@code null}. */
  byte @Nullable [] get(byte[] key) {
    return get(key, hash(key));
  }

  /** {@link #get(byte[])} with the key's {@link #hash} already computed. */
  byte @Nullable [] get(byte[] key, int hash) {
    @Nullable Key k = table[slotOf(key, hash)];
    return k == null ? null : k.value;
  }

  boolean containsKey(byte[] key) {
    return table[slotOf(key, hash(key))] != null;
  }

  /** Records {@code value} at {@code key}; returns the previous change, or {@code null}. */
  byte @Nullable [] put(byte[] key, byte[] value) {
    int hash = hash(key);
    int slot = slotOf(key, hash);
    @Nullable Key k = table[slot];
    if (k != null) {
      byte[] previous = k.value;
      k.value = value;
      return previous;
    }
    Key added = new Key(key, hash);
    added.value = value;
    insert(slot, added);
    return null;
  }

  private void insert(int slot, Key added) {
    table[slot] = added;
    hashes[slot] = added.hash;
    addedSinceSort.add(added);
    if (++count > table.length >>> 1) {
      grow(table.length * 2);
    }
  }

  /**
   * Adds the changes of {@code older} at every key this holds no change of: afterwards this says
   * what the two layers of changes say together, its own changes winning. Neither may be cleared.
   */
  void addUnder(IndexChanges older) {
    if (cleared || older.cleared) {
      throw new IllegalStateException("Cleared changes cannot be layered");
    }
    int room = count + older.count;
    if (room > table.length >>> 1) {
      grow(Integer.highestOneBit(room) * 4);
    }
    @Nullable Key[] from = older.table;
    for (int i = 0; i < from.length; i++) {
      @Nullable Key k = from[i];
      if (k != null) {
        int slot = slotOf(k.bytes, older.hashes[i]);
        if (table[slot] == null) {
          insert(slot, new Key(k));
        }
      }
    }
  }

  /** Every change, in no particular order; for figures, not for writing. */
  void forEachUnordered(BiConsumer<byte[], byte[]> action) {
    for (@Nullable Key k : table) {
      if (k != null) {
        action.accept(k.bytes, valueOf(k));
      }
    }
  }

  /** Moves the keys to a table of {@code capacity} slots, a power of two. */
  private void grow(int capacity) {
    @Nullable Key[] old = table;
    int[] oldHashes = hashes;
    @Nullable Key[] t = new Key[capacity];
    int[] h = new int[capacity];
    int mask = capacity - 1;
    for (int j = 0; j < old.length; j++) {
      @Nullable Key k = old[j];
      if (k != null) {
        int i = home(oldHashes[j], mask);
        while (t[i] != null) {
          i = (i + 1) & mask;
        }
        t[i] = k;
        h[i] = oldHashes[j];
      }
    }
    table = t;
    hashes = h;
  }

  /** Forgets the change at {@code key}, as if it was never made. */
  void remove(byte[] key) {
    @Nullable Key[] t = table;
    int[] h = hashes;
    int mask = t.length - 1;
    int slot = slotOf(key, hash(key));
    @Nullable Key k = t[slot];
    if (k == null) {
      return;
    }
    // A sorted array may still hold it: a key without a value is skipped and dropped there.
    k.value = null;
    removedSinceSort = true;
    count--;
    // Backward-shift deletion: move later keys of the probe run into the gap when their home
    // slot allows it, so that lookups never need markers of removed keys.
    int gap = slot;
    int i = slot;
    while (true) {
      i = (i + 1) & mask;
      @Nullable Key next = t[i];
      if (next == null) {
        break;
      }
      int home = home(h[i], mask);
      // `next` may fill the gap if its home is not cyclically within (gap, i].
      if (((i - home) & mask) >= ((i - gap) & mask)) {
        t[gap] = next;
        h[gap] = h[i];
        gap = i;
      }
    }
    t[gap] = null;
  }

  /**
   * Every change, in key order. A merge writes in this order: RocksDB's memtable inserts a run of
   * ascending keys from where the previous insert left off, which in a block's batch made each
   * insert about 40 % cheaper than in hash order.
   */
  void forEachInOrder(BiConsumer<byte[], byte[]> action) {
    for (Key key : sortedKeys()) {
      action.accept(key.bytes, valueOf(key));
    }
  }

  /** Up to {@code limit} changes with keys not less than {@code from}, in key order. */
  List<Map.Entry<byte[], byte[]>> from(byte[] from, int limit) {
    Key[] keys = sortedKeys();
    int lo = 0;
    int hi = keys.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Arrays.compareUnsigned(keys[mid].bytes, from) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    List<Map.Entry<byte[], byte[]>> out = new ArrayList<>(Math.min(limit, keys.length - lo));
    for (int i = lo; i < keys.length && out.size() < limit; i++) {
      out.add(Map.entry(keys[i].bytes, valueOf(keys[i])));
    }
    return out;
  }

  private static byte[] valueOf(Key key) {
    byte[] value = key.value;
    if (value == null) {
      throw new IllegalStateException("A removed key was left among the sorted changes");
    }
    return value;
  }

  /** Below this many keys a comparison sort is as cheap as packing them for a primitive one. */
  private static final int PRIMITIVE_SORT_MIN = 64;

  /**
   * Sorts {@code keys} in unsigned lexicographic order. A block's batch has thousands of keys, and
   * a comparison sort of them spent most of its time chasing each key object for its head; here the
   * heads are copied once into a {@code long[]} with the key's position in its low bits, sorted as
   * primitives, and only keys whose heads agree in the bits kept are then compared in full.
   */
  private static void sort(Key[] keys) {
    int n = keys.length;
    if (n < PRIMITIVE_SORT_MIN) {
      Arrays.sort(keys, Key::compare);
      return;
    }
    int positionBits = 64 - Long.numberOfLeadingZeros(n - 1);
    long headMask = -1L << positionBits;
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      // The flipped sign bit makes signed order of the packed values the unsigned order of heads.
      packed[i] = ((keys[i].head ^ Long.MIN_VALUE) & headMask) | i;
    }
    Arrays.sort(packed);
    Key[] byHead = new Key[n];
    for (int i = 0; i < n; i++) {
      byHead[i] = keys[(int) (packed[i] & ~headMask)];
    }
    int start = 0;
    for (int i = 1; i <= n; i++) {
      if (i == n || ((packed[i] ^ packed[start]) & headMask) != 0) {
        if (i - start > 1) {
          Arrays.sort(byHead, start, i, Key::compare);
        }
        start = i;
      }
    }
    System.arraycopy(byHead, 0, keys, 0, n);
  }

  private Key[] sortedKeys() {
    if (addedSinceSort.isEmpty() && !removedSinceSort) {
      return sorted;
    }
    Key[] added = addedSinceSort.toArray(new Key[0]);
    sort(added);
    Key[] merged = new Key[count];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < sorted.length || j < added.length) {
      Key next;
      if (j == added.length || i < sorted.length && Key.compare(sorted[i], added[j]) < 0) {
        next = sorted[i++];
      } else {
        next = added[j++];
      }
      // A key removed since the last sort has no value; one removed and added again is a new
      // key object, and the old one is dropped here.
      if (next.value != null) {
        merged[n++] = next;
      }
    }
    sorted = n == merged.length ? merged : Arrays.copyOf(merged, n);
    addedSinceSort.clear();
    removedSinceSort = false;
    return sorted;
  }
}
