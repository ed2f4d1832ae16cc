package io.polyhost.api.storage;

import java.util.Iterator;

/**
 * An ordered set of keys.
 *
 * @param <K> the key type
 */
public interface KeySetIndex<K> extends Iterable<K> {
  /** Whether {@code key} is in the set. */
  boolean contains(K key);

  /** Adds {@code key}; does nothing if present. */
  void add(K key);

  /** Removes {@code key}; does nothing if absent. */
  void remove(K key);

  /** Removes every key. */
  void clear();

  /** Keys in order starting at the first not less than {@code from}. */
  Iterator<K> iteratorFrom(K from);
}
