package io.polyhost.api.storage;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered key-value map; iteration follows the order of the serialized keys.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface MapIndex<K, V> {
  /** The value for {@code key}, if present. */
  Optional<V> get(K key);

  /** Whether {@code key} is present. */
  boolean containsKey(K key);

  /** Associates {@code value} with {@code key}, replacing any previous value. */
  void put(K key, V value);

  /** Removes {@code key}; does nothing if absent. */
  void remove(K key);

  /** Removes every entry. */
  void clear();

  /** Entries in key order. */
  Iterator<Map.Entry<K, V>> entries();

  /** Entries in key order, starting at the first key not less than {@code from}. */
  Iterator<Map.Entry<K, V>> entriesFrom(K from);

  /** Keys in order. */
  Iterator<K> keys();

  /** Values in key order. */
  Iterator<V> values();
}
