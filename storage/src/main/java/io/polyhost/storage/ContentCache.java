package io.polyhost.storage;

import io.polyhost.api.crypto.Hash;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * <p>Thread-safe: the cache is split into segments, each least-recently-used first out under its
 * own lock, so concurrent readers rarely wait for each other.
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

  private static final class Segment {
    private final long capacity;
    private final LinkedHashMap<Hash, byte[]> blobs = new LinkedHashMap<>(256, 0.75f, true);
    private long size;

    Segment(long capacity) {
      this.capacity = capacity;
    }

    synchronized byte @Nullable [] get(Hash name) {
      return blobs.get(name);
    }

    synchronized void put(Hash name, byte[] blob) {
      long charge = charge(blob);
      if (charge > capacity) {
        return;
      }
      byte[] old = blobs.put(name, blob);
      size += charge - (old == null ? 0 : charge(old));
      var eldest = blobs.entrySet().iterator();
      while (size > capacity) {
        Map.Entry<Hash, byte[]> e = eldest.next();
        size -= charge(e.getValue());
        eldest.remove();
      }
    }

    synchronized void remove(Hash name) {
      byte[] old = blobs.remove(name);
      if (old != null) {
        size -= charge(old);
      }
    }

    synchronized long size() {
      return size;
    }

    private static long charge(byte[] blob) {
      return blob.length + ENTRY_OVERHEAD;
    }
  }
}
