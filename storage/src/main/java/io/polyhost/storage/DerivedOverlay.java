package io.polyhost.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The derived entries (see {@link RawIndex#putDerived}) merged since the database last wrote them
 * out, one immutable layer per merge, newest first.
 *
 * <p>An overlay never changes: a merge makes a new one with its layer in front, a checkpoint starts
 * again from {@link #EMPTY}. A snapshot keeps the overlay that was current when its RocksDB
 * snapshot was taken, so it sees the derived entries of the last checkpoint its RocksDB snapshot
 * shows plus every later one, however many checkpoints follow; the garbage collector reclaims an
 * overlay once no snapshot holds it.
 */
final class DerivedOverlay {
  static final DerivedOverlay EMPTY = new DerivedOverlay(new Layer[0], 0);

  /** A rough per-entry cost of the hash map holding it, counted in {@link #bytes()}. */
  private static final int ENTRY_OVERHEAD = 96;

  private final Layer[] layers;
  private final long bytes;

  private DerivedOverlay(Layer[] layers, long bytes) {
    this.layers = layers;
    this.bytes = bytes;
  }

  /** One merge's derived entries: values, or {@link IndexChanges#DELETED} for removals. */
  private record Layer(Map<EntryKey, byte[]> entries) {}

  /** An index id and a key, compared by content. */
  private static final class EntryKey {
    final long id;
    final byte[] key;
    final int hash;

    EntryKey(long id, byte[] key) {
      this.id = id;
      this.key = key;
      this.hash = 31 * Long.hashCode(id) + Arrays.hashCode(key);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EntryKey k && hash == k.hash && id == k.id && Arrays.equals(key, k.key);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    static int compare(EntryKey a, EntryKey b) {
      int byId = Long.compareUnsigned(a.id, b.id);
      return byId != 0 ? byId : Arrays.compareUnsigned(a.key, b.key);
    }
  }

  /** Receives an entry of the overlay. */
  interface EntryConsumer {
    void accept(long id, byte[] key, byte[] value);
  }

  /**
   * The newest value of {@code key} of index {@code id}: {@link IndexChanges#DELETED} if the
   * overlay removed it, {@code null} if the overlay does not know it (the database decides).
   */
  byte @Nullable [] get(long id, byte[] key) {
    if (layers.length == 0) {
      return null;
    }
    EntryKey k = new EntryKey(id, key);
    for (Layer layer : layers) {
      byte[] v = layer.entries.get(k);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** This overlay with a new front layer holding {@code derived}, unless that is empty. */
  DerivedOverlay with(Map<Long, IndexChanges> derived) {
    Map<EntryKey, byte[]> entries = new HashMap<>();
    long[] added = {0};
    for (Map.Entry<Long, IndexChanges> e : derived.entrySet()) {
      long id = e.getKey();
      if (e.getValue().cleared) {
        throw new IllegalStateException("A cleared index's derived entries cannot be deferred");
      }
      e.getValue()
          .forEachInOrder((key, value) -> {
            entries.put(new EntryKey(id, key), value);
            added[0] += key.length + value.length + ENTRY_OVERHEAD;
          });
    }
    if (entries.isEmpty()) {
      return this;
    }
    Layer[] next = new Layer[layers.length + 1];
    next[0] = new Layer(entries);
    System.arraycopy(layers, 0, next, 1, layers.length);
    return new DerivedOverlay(next, bytes + added[0]);
  }

  boolean isEmpty() {
    return layers.length == 0;
  }

  /** The number of layers: merges with derived entries since the last checkpoint. */
  int layerCount() {
    return layers.length;
  }

  /** The heap the layers hold, roughly: keys, values and a fixed cost per entry. */
  long bytes() {
    return bytes;
  }

  /**
   * Passes the newest value of every key to {@code action}, by index id and key in ascending order
   * (the cheapest order for a RocksDB write batch).
   */
  void forEachLatest(EntryConsumer action) {
    Map<EntryKey, byte[]> latest = new HashMap<>();
    for (int i = layers.length - 1; i >= 0; i--) {
      latest.putAll(layers[i].entries);
    }
    List<EntryKey> keys = new ArrayList<>(latest.keySet());
    keys.sort(EntryKey::compare);
    for (EntryKey k : keys) {
      byte[] v = latest.get(k);
      if (v != null) {
        action.accept(k.id, k.key, v);
      }
    }
  }
}
