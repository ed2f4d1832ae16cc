package io.polyhost.api.storage;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A list whose positions may be empty.
 *
 * <p>{@link #capacity()} is one past the highest position ever filled (reduced only by {@link
 * #removeLast()}, {@link #truncate} and {@link #clear()}); {@link #size()} counts filled positions.
 *
 * @param <V> the element type
 */
public interface SparseListIndex<V> {
  /** The number of filled positions. */
  long size();

  /** One past the highest position in use. */
  long capacity();

  /** The element at {@code index}, or empty for a hole or a position past the end. */
  Optional<V> get(long index);

  /** Appends at position {@code capacity()}. */
  void add(V value);

  /** Fills (or replaces) position {@code index}; the capacity grows as needed. */
  void set(long index, V value);

  /** Empties position {@code index} and returns what was there; the capacity does not change. */
  Optional<V> remove(long index);

  /**
   * Removes the element at the highest filled position and shrinks the capacity to just past the
   * next filled position below it.
   */
  Optional<V> removeLast();

  /** Drops every position at or above {@code newCapacity}. */
  void truncate(long newCapacity);

  /** Removes everything. */
  void clear();

  /** (position, element) pairs in position order, holes skipped. */
  Iterator<Map.Entry<Long, V>> entries();

  /**
   * (position, element) pairs from position {@code from} on, in position order, holes skipped: a
   * way to resume an iteration where an earlier one stopped.
   *
   * @throws IndexOutOfBoundsException if {@code from} is negative
   */
  Iterator<Map.Entry<Long, V>> entriesFrom(long from);

  /** Elements in position order, holes skipped. */
  Iterator<V> values();
}
