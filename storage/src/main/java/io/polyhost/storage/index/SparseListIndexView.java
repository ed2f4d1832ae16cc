package io.polyhost.storage.index;

import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.SparseListIndex;
import io.polyhost.storage.RawEntry;
import io.polyhost.storage.RawIndex;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SparseListIndex} over a raw index of type {@link IndexType#SPARSE_LIST}: the state blob
 * holds the capacity and the size, element {@code i} is stored under the 8-byte big-endian key
 * {@code i}.
 *
 * <p>After {@link #removeLast()} the capacity is one past the highest position still filled, or 0
 * when none is; this holds even when the list had only holes. Positions passed in must be
 * non-negative and below {@link Long#MAX_VALUE} (so that the capacity fits in a long); others throw
 * {@link IndexOutOfBoundsException}.
 *
 * @param <V> the element type
 */
public final class SparseListIndexView<V> implements SparseListIndex<V> {
  private static final int CAPACITY = 0;
  private static final int SIZE = 1;

  private final RawIndex raw;
  private final Serializer<V> values;

  /**
   * A view of {@code raw}, encoding elements with {@code values}.
   *
   * @throws io.polyhost.api.storage.IndexTypeMismatchException if {@code raw} is not a sparse list
   */
  public SparseListIndexView(RawIndex raw, Serializer<V> values) {
    this.raw = ViewChecks.requireType(raw, IndexType.SPARSE_LIST);
    this.values = values;
  }

  @Override
  public long size() {
    return counters()[SIZE];
  }

  @Override
  public long capacity() {
    return counters()[CAPACITY];
  }

  /**
   * {@inheritDoc}
   *
   * @throws IndexOutOfBoundsException if {@code index} is negative
   */
  @Override
  public Optional<V> get(long index) {
    ViewChecks.requireNonNegative(raw, index);
    byte @Nullable [] bytes = raw.get(Positions.key(index));
    return bytes == null
        ? Optional.empty()
        : Optional.of(ViewChecks.decodeAt(raw, values, bytes, index));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IndexOutOfBoundsException if the capacity is already {@link Long#MAX_VALUE}
   */
  @Override
  public void add(V value) {
    set(capacity(), value);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IndexOutOfBoundsException if {@code index} is negative or {@link Long#MAX_VALUE}
   */
  @Override
  public void set(long index, V value) {
    ViewChecks.requireWritable(raw);
    ViewChecks.requireNonNegative(raw, index);
    if (index == Long.MAX_VALUE) {
      throw new IndexOutOfBoundsException(
          "Position " + index + " in sparse list '" + raw.address() + "' is too large");
    }
    long[] counters = counters();
    byte[] key = Positions.key(index);
    boolean filled = raw.contains(key);
    raw.put(key, values.encode(value));
    Counters.write(raw, Math.max(counters[CAPACITY], index + 1), counters[SIZE] + (filled ? 0 : 1));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IndexOutOfBoundsException if {@code index} is negative
   */
  @Override
  public Optional<V> remove(long index) {
    ViewChecks.requireWritable(raw);
    Optional<V> old = get(index);
    if (old.isPresent()) {
      long[] counters = counters();
      raw.remove(Positions.key(index));
      Counters.write(raw, counters[CAPACITY], counters[SIZE] - 1);
    }
    return old;
  }

  @Override
  public Optional<V> removeLast() {
    ViewChecks.requireWritable(raw);
    long[] counters = counters();
    long last = highestFilledBelow(counters[CAPACITY]);
    if (last < 0) {
      if (counters[SIZE] != 0) {
        throw ViewChecks.corrupt(
            raw, "its size is " + counters[SIZE] + " but no element is stored");
      }
      Counters.write(raw, 0, 0);
      return Optional.empty();
    }
    Optional<V> value = get(last);
    raw.remove(Positions.key(last));
    Counters.write(raw, highestFilledBelow(last) + 1, counters[SIZE] - 1);
    return value;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The capacity becomes {@code newCapacity}; a larger {@code newCapacity} changes nothing.
   *
   * @throws IndexOutOfBoundsException if {@code newCapacity} is negative
   */
  @Override
  public void truncate(long newCapacity) {
    ViewChecks.requireWritable(raw);
    ViewChecks.requireNonNegative(raw, newCapacity);
    long[] counters = counters();
    if (newCapacity >= counters[CAPACITY]) {
      return;
    }
    // Collected first: the raw iterator does not promise to survive writes made while it runs.
    List<byte[]> dropped = new ArrayList<>();
    raw.iterator(Positions.key(newCapacity)).forEachRemaining(e -> dropped.add(e.key()));
    for (byte[] key : dropped) {
      raw.remove(key);
    }
    Counters.write(raw, newCapacity, counters[SIZE] - dropped.size());
  }

  @Override
  public void clear() {
    ViewChecks.requireWritable(raw);
    raw.clear();
  }

  @Override
  public Iterator<Map.Entry<Long, V>> entries() {
    return entriesFromKey(new byte[0]);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IndexOutOfBoundsException if {@code from} is negative
   */
  @Override
  public Iterator<Map.Entry<Long, V>> entriesFrom(long from) {
    ViewChecks.requireNonNegative(raw, from);
    return entriesFromKey(Positions.key(from));
  }

  private Iterator<Map.Entry<Long, V>> entriesFromKey(byte[] from) {
    return new DecodingIterator<>(
        raw.iterator(from),
        e -> {
          long position = Positions.fromKey(raw, e.key());
          return Map.entry(position, ViewChecks.decodeAt(raw, values, e.value(), position));
        });
  }

  @Override
  public Iterator<V> values() {
    return new DecodingIterator<>(
        raw.iterator(),
        e -> ViewChecks.decodeAt(raw, values, e.value(), Positions.fromKey(raw, e.key())));
  }

  private long[] counters() {
    return Counters.read(raw, 2);
  }

  /**
   * The highest filled position below {@code limit}, or -1: a binary search over forward seeks, as
   * the raw index iterates only forwards. Each step either finds a filled position past the middle
   * (and moves the lower bound past it) or proves the upper half empty.
   */
  private long highestFilledBelow(long limit) {
    if (limit > 0 && raw.contains(Positions.key(limit - 1))) {
      return limit - 1; // The common case: no hole at the end.
    }
    long best = -1;
    long lo = 0;
    long hi = limit;
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      Iterator<RawEntry> it = raw.iterator(Positions.key(mid));
      long first = it.hasNext() ? Positions.fromKey(raw, it.next().key()) : Long.MAX_VALUE;
      if (first < hi) {
        best = first;
        lo = first + 1;
      } else {
        hi = mid;
      }
    }
    return best;
  }
}
