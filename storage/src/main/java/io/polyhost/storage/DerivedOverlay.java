package io.polyhost.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The derived entries (see {@link RawIndex#putDerived}) merged since the database last wrote them
 * out, one immutable layer per merge, newest first.
 *
 * <p>An overlay never changes: a merge makes a new one with its layer in front, a checkpoint starts
 * again from {@link #EMPTY}, and a checkpoint written in the background leaves the layers that came
 * after the ones it wrote ({@link #without}). A snapshot keeps the overlay that was current when
 * its RocksDB snapshot was taken, so it sees the derived entries of the last checkpoint its RocksDB
 * snapshot shows plus every later one, however many checkpoints follow; the garbage collector
 * reclaims an overlay once no snapshot holds it.
 *
 * <p>A layer is the merged patch's own change maps of derived entries, taken as they are: a patch
 * is never written again, so a merge adds its layer without copying or sorting anything.
 */
final class DerivedOverlay {
  static final DerivedOverlay EMPTY = new DerivedOverlay(new Layer[0], 0);

  /** A rough per-entry cost of the change map holding it, counted in {@link #bytes()}. */
  private static final int ENTRY_OVERHEAD = 96;

  private final Layer[] layers;
  private final long bytes;

  private DerivedOverlay(Layer[] layers, long bytes) {
    this.layers = layers;
    this.bytes = bytes;
  }

  /**
   * One merge's derived entries: values, or {@link IndexChanges#DELETED} for removals, of the
   * indexes {@code ids} (ascending, unsigned) in the changes at the same position.
   */
  private record Layer(long[] ids, IndexChanges[] changes) {
    @Nullable IndexChanges of(long id) {
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] == id) {
          return changes[i];
        }
      }
      return null;
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
    int hash = IndexChanges.hash(key);
    for (Layer layer : layers) {
      IndexChanges changes = layer.of(id);
      if (changes != null) {
        byte[] v = changes.get(key, hash);
        if (v != null) {
          return v;
        }
      }
    }
    return null;
  }

  /**
   * This overlay with a new front layer holding {@code derived}, unless that is empty. The changes
   * become part of the overlay: they must never be written again.
   */
  DerivedOverlay with(Map<Long, IndexChanges> derived) {
    long[] ids = new long[derived.size()];
    int n = 0;
    for (Map.Entry<Long, IndexChanges> e : derived.entrySet()) {
      if (e.getValue().cleared) {
        throw new IllegalStateException("A cleared index's derived entries cannot be deferred");
      }
      if (e.getValue().size() > 0) {
        ids[n++] = e.getKey();
      }
    }
    if (n == 0) {
      return this;
    }
    ids = Arrays.copyOf(ids, n);
    sortUnsigned(ids);
    IndexChanges[] changes = new IndexChanges[n];
    long[] added = {0};
    for (int i = 0; i < n; i++) {
      IndexChanges c = derived.get(ids[i]);
      if (c == null) {
        throw new IllegalStateException("Derived entries of index " + ids[i] + " vanished");
      }
      changes[i] = c;
      c.forEachUnordered((key, value) -> added[0] += key.length + value.length + ENTRY_OVERHEAD);
    }
    Layer[] next = new Layer[layers.length + 1];
    next[0] = new Layer(ids, changes);
    System.arraycopy(layers, 0, next, 1, layers.length);
    return new DerivedOverlay(next, bytes + added[0]);
  }

  private static void sortUnsigned(long[] ids) {
    for (int i = 0; i < ids.length; i++) {
      ids[i] ^= Long.MIN_VALUE;
    }
    Arrays.sort(ids);
    for (int i = 0; i < ids.length; i++) {
      ids[i] ^= Long.MIN_VALUE;
    }
  }

  /**
   * This overlay without the layers of {@code older}, which must be its oldest ones (this overlay
   * is {@code older} with newer layers put in front): what is left once {@code older} is written
   * out.
   */
  DerivedOverlay without(DerivedOverlay older) {
    int kept = layers.length - older.layers.length;
    for (int i = 0; i < older.layers.length; i++) {
      if (kept < 0 || layers[kept + i] != older.layers[i]) {
        throw new IllegalStateException(
            "The overlay written out is not the oldest part of this one");
      }
    }
    if (kept == 0) {
      return EMPTY;
    }
    return new DerivedOverlay(Arrays.copyOf(layers, kept), bytes - older.bytes);
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
    List<Long> ids = new ArrayList<>();
    for (Layer layer : layers) {
      for (long id : layer.ids) {
        if (!ids.contains(id)) {
          ids.add(id);
        }
      }
    }
    ids.sort(Long::compareUnsigned);
    for (long id : ids) {
      // Newest first, so that each key keeps the first change seen of it.
      IndexChanges latest = new IndexChanges();
      for (Layer layer : layers) {
        IndexChanges changes = layer.of(id);
        if (changes != null) {
          latest.addUnder(changes);
        }
      }
      latest.forEachInOrder((key, value) -> action.accept(id, key, value));
    }
  }
}
