package io.polyhost.storage.index;

import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ListIndex;
import io.polyhost.api.storage.Serializer;
import io.polyhost.storage.Limits;
import io.polyhost.storage.RawIndex;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ListIndex} over a raw index of type {@link IndexType#LIST}: the length is the state
 * blob, element {@code i} is stored under the 8-byte big-endian key {@code i}.
 *
 * <p>Positions passed in must be non-negative; a negative one is a caller bug and throws {@link
 * IndexOutOfBoundsException}, while a position past the end reads as absent.
 *
 * @param <V> the element type
 */
public final class ListIndexView<V> implements ListIndex<V> {
  private final RawIndex raw;
  private final Serializer<V> values;

  /**
   * A view of {@code raw}, encoding elements with {@code values}.
   *
   * @throws io.polyhost.api.storage.IndexTypeMismatchException if {@code raw} is not a list
   */
  public ListIndexView(RawIndex raw, Serializer<V> values) {
    this.raw = ViewChecks.requireType(raw, IndexType.LIST);
    this.values = values;
  }

  @Override
  public long size() {
    return Counters.read(raw, 1)[0];
  }

  /**
   * {@inheritDoc}
   *
   * @throws IndexOutOfBoundsException if {@code index} is negative
   */
  @Override
  public Optional<V> get(long index) {
    ViewChecks.requireNonNegative(raw, index);
    long size = size();
    return index < size ? Optional.of(element(index, size)) : Optional.empty();
  }

  @Override
  public Optional<V> last() {
    long size = size();
    return size == 0 ? Optional.empty() : Optional.of(element(size - 1, size));
  }

  @Override
  public void add(V value) {
    ViewChecks.requireWritable(raw);
    long size = size();
    raw.put(Positions.key(size), values.encode(value));
    Counters.write(raw, size + 1);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Every element is encoded and size-checked before the first is stored, so a bad element
   * leaves the list unchanged.
   *
   * @throws IllegalArgumentException if an encoded element exceeds {@link Limits#MAX_VALUE_SIZE}
   */
  @Override
  public void addAll(Iterable<? extends V> elements) {
    ViewChecks.requireWritable(raw);
    List<byte[]> encoded = new ArrayList<>();
    for (V element : elements) {
      byte[] bytes = values.encode(element);
      if (bytes.length > Limits.MAX_VALUE_SIZE) {
        throw new IllegalArgumentException(
            "Element "
                + encoded.size()
                + " added to list '"
                + raw.address()
                + "' is "
                + bytes.length
                + " bytes; at most "
                + Limits.MAX_VALUE_SIZE
                + " are allowed");
      }
      encoded.add(bytes);
    }
    long size = size();
    for (byte[] bytes : encoded) {
      raw.put(Positions.key(size++), bytes);
    }
    Counters.write(raw, size);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code 0 .. size()-1}
   */
  @Override
  public void set(long index, V value) {
    ViewChecks.requireWritable(raw);
    long size = size();
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(
          "Position " + index + " is outside list '" + raw.address() + "' of size " + size);
    }
    raw.put(Positions.key(index), values.encode(value));
  }

  @Override
  public Optional<V> removeLast() {
    ViewChecks.requireWritable(raw);
    long size = size();
    if (size == 0) {
      return Optional.empty();
    }
    V last = element(size - 1, size);
    raw.remove(Positions.key(size - 1));
    Counters.write(raw, size - 1);
    return Optional.of(last);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IndexOutOfBoundsException if {@code newSize} is negative
   */
  @Override
  public void truncate(long newSize) {
    ViewChecks.requireWritable(raw);
    ViewChecks.requireNonNegative(raw, newSize);
    long size = size();
    if (newSize >= size) {
      return;
    }
    for (long i = newSize; i < size; i++) {
      raw.remove(Positions.key(i));
    }
    Counters.write(raw, newSize);
  }

  @Override
  public void clear() {
    ViewChecks.requireWritable(raw);
    raw.clear();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Starting at or past the end gives an empty iterator.
   *
   * @throws IndexOutOfBoundsException if {@code from} is negative
   */
  @Override
  public Iterator<V> iterator(long from) {
    ViewChecks.requireNonNegative(raw, from);
    return new DecodingIterator<>(
        raw.iterator(Positions.key(from)),
        e -> ViewChecks.decodeAt(raw, values, e.value(), Positions.fromKey(raw, e.key())));
  }

  private V element(long index, long size) {
    byte @Nullable [] bytes = raw.get(Positions.key(index));
    if (bytes == null) {
      throw ViewChecks.corrupt(raw, "element " + index + " of " + size + " is missing");
    }
    return ViewChecks.decodeAt(raw, values, bytes, index);
  }
}
