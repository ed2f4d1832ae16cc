package io.polyhost.api.storage;

import java.util.Iterator;
import java.util.Optional;

/**
 * A list addressed by position {@code 0 .. size()-1}.
 *
 * @param <V> the element type
 */
public interface ListIndex<V> extends Iterable<V> {
  /** The number of elements. */
  long size();

  /** Whether the list has no elements. */
  default boolean isEmpty() {
    return size() == 0;
  }

  /** The element at {@code index}, or empty if {@code index} is out of range. */
  Optional<V> get(long index);

  /** The last element, if any. */
  Optional<V> last();

  /** Appends an element. */
  void add(V value);

  /** Appends every element, in order. */
  void addAll(Iterable<? extends V> values);

  /**
   * Replaces the element at {@code index}.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code 0 .. size()-1}
   */
  void set(long index, V value);

  /** Removes and returns the last element, if any. */
  Optional<V> removeLast();

  /** Keeps the first {@code newSize} elements; does nothing if the list is not longer. */
  void truncate(long newSize);

  /** Removes every element. */
  void clear();

  /** Elements in order, starting at position {@code from}. */
  Iterator<V> iterator(long from);

  @Override
  default Iterator<V> iterator() {
    return iterator(0);
  }
}
