package io.polyhost.storage;

import io.polyhost.api.crypto.Hash;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A bounded in-memory cache of immutable byte blobs, each named by a hash that determines its
 * content exactly (such as the hash of a Merkle node whose subtree the blob holds).
 *
 * <p>Because a name can only ever stand for one content, the cache needs no invalidation and is
 * safe to share between every snapshot, fork and patch of a database: a reader asks for the hash
 * its own state references, so it can only get the bytes it would have read from that state.
 * Entries that no current state references any more are merely wasted space, so writers {@link
 * #remove} what they replace. Each {@link RocksDbDatabase} owns one, sized by {@link
 * DatabaseOptions#pageCacheBytes()}.
 *
 * <p>Thread-safe: the cache is split into segments, each with its own lock, so concurrent readers
 * rarely wait for each other. Eviction approximates least-recently-used order (see {@link
 * Segment}).
 */
public final class ContentCache {
  /** Bytes charged per entry besides the blob: map node, hash object and array headers. */
  static final int ENTRY_OVERHEAD = 128;

  private static final int SEGMENTS = 16;
  private static final ContentCache DISABLED = new ContentCache(0);

  private final Segment[] segments = new Segment[SEGMENTS];

  ContentCache(long capacityBytes) {
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment(capacityBytes / SEGMENTS);
    }
  }

  /** A cache that holds nothing: for indexes outside a database, and for tests. */
  public static ContentCache disabled() {
    return DISABLED;
  }

  /** A cache of about {@code capacityBytes} (entry overhead included). */
  public static ContentCache withCapacity(long capacityBytes) {
    if (capacityBytes < 0) {
      throw new IllegalArgumentException("capacityBytes must not be negative: " + capacityBytes);
    }
    return capacityBytes == 0 ? DISABLED : new ContentCache(capacityBytes);
  }

  /** The blob named {@code name}, or {@code null}. Callers must not modify it. */
  public byte @Nullable [] get(Hash name) {
    return segment(name).get(name);
  }

  /** Stores {@code blob} as the content named {@code name}; it must never be modified again. */
  public void put(Hash name, byte[] blob) {
    segment(name).put(name, blob);
  }

  /**
   * The blob named {@code name}, or {@code null}, dropping it from the cache: for a writer that is
   * about to replace it, one lookup where a read now and a removal later take two.
   */
  public byte @Nullable [] take(Hash name) {
    return segment(name).take(name);
  }

  /** Drops the blob named {@code name}, if held. */
  public void remove(Hash name) {
    segment(name).remove(name);
  }

  /** The bytes currently charged, entry overhead included. */
  long size() {
    long total = 0;
    for (Segment s : segments) {
      total += s.size();
    }
    return total;
  }

  private Segment segment(Hash name) {
    // Hash.hashCode takes the leading bytes; the segment takes bits the maps' buckets use least.
    return segments[(name.hashCode() >>> 24) & (SEGMENTS - 1)];
  }

  /**
   * One segment: an open-addressed table (linear probing, backward-shift deletion) holding each
   * name as four longs beside its neighbours', so a lookup usually costs one cache line rather than
   * the five or six a linked hash map's nodes, keys and access-order links would. The table is at
   * most half full: a lookup that misses (every new page's) then probes about 2.5 slots on average,
   * against about 8.5 at three quarters, which a trie update paid for several times a page.
   * Eviction is CLOCK (second chance): a read sets an entry's bit, the hand clears set bits and
   * evicts the first entry whose bit is clear. New entries start clear, so a blob never read again
   * goes before one that was.
   */
  private static final class Segment {
    private static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int INITIAL_SLOTS = 64;
    private static final byte[] NO_BLOB = new byte[0];

    private final long capacity;
    private final byte[] scratch = new byte[Hash.SIZE];
    // The words of the name last looked up by find.
    private final long[] words = new long[4];
    // Slot i's name is names[4i .. 4i+3]; an empty slot's first two words are zero (see isFree).
    private long[] names = new long[4 * INITIAL_SLOTS];
    private byte[][] blobs = new byte[INITIAL_SLOTS][];
    private boolean[] referenced = new boolean[INITIAL_SLOTS];
    private int count;
    private int hand;
    private long size;

    Segment(long capacity) {
      this.capacity = capacity;
    }

    synchronized byte @Nullable [] get(Hash name) {
      int slot = find(name);
      if (slot < 0 || !storable(words)) {
        return null;
      }
      referenced[slot] = true;
      return blobs[slot];
    }

    synchronized void put(Hash name, byte[] blob) {
      long charge = charge(blob);
      int slot = find(name);
      if (charge > capacity || !storable(words)) {
        return;
      }
      if (slot >= 0) {
        size += charge - charge(blobs[slot]);
        blobs[slot] = blob;
      } else {
        // Make room first, so the new entry cannot be its own victim.
        boolean moved = false;
        while (size + charge > capacity && count > 0) {
          evictOne();
          moved = true;
        }
        if (2 * (count + 1) > blobs.length) {
          resize(2 * blobs.length);
          moved = true;
        }
        // Eviction and growth move entries: then look for the free slot again.
        slot = moved ? -find(name) - 1 : -slot - 1;
        System.arraycopy(words(name), 0, names, 4 * slot, 4);
        blobs[slot] = blob;
        referenced[slot] = false;
        count++;
        size += charge;
      }
    }

    synchronized byte @Nullable [] take(Hash name) {
      int slot = find(name);
      if (slot < 0 || !storable(words)) {
        return null;
      }
      byte[] blob = blobs[slot];
      delete(slot);
      return blob;
    }

    synchronized void remove(Hash name) {
      int slot = find(name);
      if (slot >= 0 && storable(words)) {
        delete(slot);
      }
    }

    synchronized long size() {
      return size;
    }

    /** The slot holding {@code name}, or {@code -(free slot) - 1} where it would go. */
    private int find(Hash name) {
      long[] w = words(name);
      int mask = blobs.length - 1;
      for (int slot = home(w[1], mask); ; slot = (slot + 1) & mask) {
        int at = 4 * slot;
        long first = names[at];
        long second = names[at + 1];
        if (first == w[0] && second == w[1] && names[at + 2] == w[2] && names[at + 3] == w[3]) {
          return slot;
        }
        if ((first | second) == 0) {
          return -slot - 1;
        }
      }
    }

    private long[] words(Hash name) {
      name.copyTo(scratch, 0);
      for (int i = 0; i < 4; i++) {
        words[i] = (long) LONGS.get(scratch, 8 * i);
      }
      return words;
    }

    /** The preferred slot of a name; its second word, as the first picks the segment. */
    private static int home(long secondWord, int mask) {
      return (int) (secondWord ^ (secondWord >>> 32)) & mask;
    }

    private void evictOne() {
      int mask = blobs.length - 1;
      while (true) {
        hand &= mask;
        if (!isFree(names, hand)) {
          if (!referenced[hand]) {
            delete(hand);
            return;
          }
          referenced[hand] = false;
        }
        hand++;
      }
    }

    /** Empties {@code slot}, moving later entries of its probe run back so none becomes lost. */
    private void delete(int slot) {
      size -= charge(blobs[slot]);
      count--;
      int mask = blobs.length - 1;
      int gap = slot;
      for (int next = (gap + 1) & mask; !isFree(names, next); next = (next + 1) & mask) {
        int home = home(names[4 * next + 1], mask);
        // The entry may fill the gap if its home is not cyclically within (gap, next].
        if (((next - home) & mask) >= ((next - gap) & mask)) {
          System.arraycopy(names, 4 * next, names, 4 * gap, 4);
          blobs[gap] = blobs[next];
          referenced[gap] = referenced[next];
          gap = next;
        }
      }
      Arrays.fill(names, 4 * gap, 4 * gap + 4, 0L);
      blobs[gap] = NO_BLOB; // lets the blob go; emptiness is in the names
      referenced[gap] = false;
    }

    private void resize(int slots) {
      long[] oldNames = names;
      byte[][] oldBlobs = blobs;
      boolean[] oldReferenced = referenced;
      names = new long[4 * slots];
      blobs = new byte[slots][];
      referenced = new boolean[slots];
      int mask = slots - 1;
      for (int i = 0; i < oldBlobs.length; i++) {
        if (!isFree(oldNames, i)) {
          int slot = home(oldNames[4 * i + 1], mask);
          while (!isFree(names, slot)) {
            slot = (slot + 1) & mask;
          }
          System.arraycopy(oldNames, 4 * i, names, 4 * slot, 4);
          blobs[slot] = oldBlobs[i];
          referenced[slot] = oldReferenced[i];
        }
      }
      hand = 0;
    }

    /**
     * Whether the slot is empty. A lookup reads the names alone, one cache line, until it finds its
     * name or an empty slot; the blob is read only on a hit. That leaves a name whose first two
     * words are zero unstorable, a 2^-128 chance for a hash, which {@link #storable} turns away.
     */
    private static boolean isFree(long[] names, int slot) {
      return (names[4 * slot] | names[4 * slot + 1]) == 0;
    }

    private static boolean storable(long[] words) {
      return (words[0] | words[1]) != 0;
    }

    private static long charge(byte[] blob) {
      return blob.length + ENTRY_OVERHEAD;
    }
  }
}
