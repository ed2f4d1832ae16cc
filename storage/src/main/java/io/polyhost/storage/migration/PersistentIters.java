package io.polyhost.storage.migration;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.Entry;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.KeySetIndex;
import io.polyhost.api.storage.ListIndex;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.Serializers;
import io.polyhost.api.storage.SparseListIndex;
import io.polyhost.api.storage.ValueSetIndex;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Creates {@link PersistentIter persistent iterators} whose positions live in one access (normally
 * {@link MigrationHelper#scratchpad()}), each under its own name, and tells whether all of them
 * have ended.
 *
 * <p>An iterator is identified by its name alone: creating one with a name used before continues
 * that iteration, whatever index it is given. The positions are entries named like the iterators,
 * next to the script's own scratchpad indexes, so the names must not clash with those.
 */
public final class PersistentIters {
  private final IndexAccess positions;
  private final Set<String> names = new LinkedHashSet<>();

  private PersistentIters(IndexAccess positions) {
    this.positions = positions;
  }

  /**
   * Iterators storing their positions in {@code positions}.
   *
   * @throws IllegalArgumentException if {@code positions} is read-only
   */
  public static PersistentIters in(IndexAccess positions) {
    if (!positions.isWritable()) {
      throw new IllegalArgumentException("Persistent iterators need a writable access");
    }
    return new PersistentIters(positions);
  }

  /** Over the entries of a map (also a proof map), in its iteration order. */
  public <K, V> PersistentIter<Map.Entry<K, V>> map(
      String name, MapIndex<K, V> map, Serializer<K> keys) {
    return create(name, Cursor.of(map, keys));
  }

  /** Over the (position, element) pairs of a list (also a proof list). */
  public <V> PersistentIter<Map.Entry<Long, V>> list(String name, ListIndex<V> list) {
    return create(name, Cursor.of(list));
  }

  /** Over the (position, element) pairs of a sparse list, holes skipped. */
  public <V> PersistentIter<Map.Entry<Long, V>> sparseList(String name, SparseListIndex<V> list) {
    return create(name, Cursor.of(list));
  }

  /** Over the keys of a key set, in order. */
  public <K> PersistentIter<K> keySet(String name, KeySetIndex<K> set, Serializer<K> keys) {
    return create(name, Cursor.of(set, keys));
  }

  /** Over the (hash, value) pairs of a value set, in hash order. */
  public <V> PersistentIter<Map.Entry<Hash, V>> valueSet(String name, ValueSetIndex<V> set) {
    return create(name, Cursor.of(set));
  }

  /** Whether every iterator created here has ended (true if none was created). */
  public boolean allEnded() {
    for (String name : names) {
      byte[] stored = entry(name).get().orElse(null);
      if (stored == null || !PersistentIter.isEnded(stored)) {
        return false;
      }
    }
    return true;
  }

  private <T> PersistentIter<T> create(String name, Cursor<T> cursor) {
    names.add(name);
    return new PersistentIter<>(entry(name), cursor);
  }

  private Entry<byte[]> entry(String name) {
    return positions.entry(name, Serializers.bytes());
  }
}
