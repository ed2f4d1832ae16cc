package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.proof.ListProof;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ProofListIndex;
import io.polyhost.api.storage.Serializer;
import io.polyhost.storage.Limits;
import io.polyhost.storage.RawIndex;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ProofListIndex} stored in a {@link RawIndex}: the elements, the node hashes of their
 * Merkle tree and the length (see {@code ListStore} for the layout).
 *
 * <p>Every mutation leaves the stored tree consistent, so {@link #objectHash()} and proofs are a
 * few reads away. The view holds no state of its own: several views over the same raw index always
 * agree. As with {@link ListIndexView}, a negative position is a caller bug and throws {@link
 * IndexOutOfBoundsException}, while a position past the end reads as absent.
 *
 * @param <V> the element type
 */
public final class ProofListIndexView<V> implements ProofListIndex<V> {
  /** How many appended elements {@link #addAll} hashes into the tree at once. */
  static final int BATCH_SIZE = 1024;

  private final RawIndex raw;
  private final Serializer<V> values;
  private final ListStore store;
  private final ListTree tree;

  /**
   * A view of {@code raw} with elements serialized by {@code values}.
   *
   * @throws io.polyhost.api.storage.IndexTypeMismatchException if {@code raw} is not a proof list
   */
  public ProofListIndexView(RawIndex raw, Serializer<V> values) {
    this.raw = ViewChecks.requireType(raw, IndexType.PROOF_LIST);
    this.values = values;
    this.store = new ListStore(raw);
    this.tree = new ListTree(store);
  }

  /**
   * The object hash of the proof list stored in {@code raw}, read from its stored root without a
   * serializer; for state aggregation.
   *
   * @throws io.polyhost.api.storage.IndexTypeMismatchException if {@code raw} is not a proof list
   */
  public static Hash objectHashOf(RawIndex raw) {
    ListStore store = new ListStore(ViewChecks.requireType(raw, IndexType.PROOF_LIST));
    return new ListTree(store).listHash(store.length());
  }

  @Override
  public long size() {
    return store.length();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IndexOutOfBoundsException if {@code index} is negative
   */
  @Override
  public Optional<V> get(long index) {
    ViewChecks.requireNonNegative(raw, index);
    return index < size() ? Optional.of(element(index)) : Optional.empty();
  }

  @Override
  public Optional<V> last() {
    long size = size();
    return size == 0 ? Optional.empty() : Optional.of(element(size - 1));
  }

  @Override
  public void add(V value) {
    ViewChecks.requireWritable(raw);
    byte[] bytes = encode(value);
    long size = size();
    store.putElement(size, bytes);
    tree.update(size, new Hash[] {Hashing.value(bytes)}, size + 1);
    store.setLength(size + 1);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Every element is encoded and size-checked before the first is stored, so a bad element
   * leaves the list unchanged; the tree is then updated once per {@value #BATCH_SIZE} elements.
   *
   * @throws IllegalArgumentException if an encoded element exceeds {@link Limits#MAX_VALUE_SIZE}
   */
  @Override
  public void addAll(Iterable<? extends V> newValues) {
    ViewChecks.requireWritable(raw);
    List<byte[]> encoded = new ArrayList<>();
    for (V value : newValues) {
      encoded.add(encode(value));
    }
    for (int from = 0; from < encoded.size(); from += BATCH_SIZE) {
      append(encoded.subList(from, Math.min(encoded.size(), from + BATCH_SIZE)));
    }
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
          "Position " + index + " is outside proof list '" + raw.address() + "' of size " + size);
    }
    byte[] bytes = encode(value);
    store.putElement(index, bytes);
    tree.update(index, new Hash[] {Hashing.value(bytes)}, size);
  }

  @Override
  public Optional<V> removeLast() {
    ViewChecks.requireWritable(raw);
    long size = size();
    if (size == 0) {
      return Optional.empty();
    }
    V last = element(size - 1);
    truncate(size - 1);
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
    if (newSize == 0) {
      clear();
      return;
    }
    tree.shrink(size, newSize);
    store.setLength(newSize);
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
    Iterator<byte[]> elements = store.elements(from, size());
    return new Iterator<>() {
      private long position = from;

      @Override
      public boolean hasNext() {
        return elements.hasNext();
      }

      @Override
      public V next() {
        return ViewChecks.decodeAt(raw, values, elements.next(), position++);
      }
    };
  }

  @Override
  public Hash objectHash() {
    return tree.listHash(size());
  }

  /**
   * {@inheritDoc}
   *
   * @throws IndexOutOfBoundsException if {@code index} is negative
   */
  @Override
  public ListProof proof(long index) {
    ViewChecks.requireNonNegative(raw, index);
    // index + 1 would overflow at Long.MAX_VALUE, a position no list can hold anyway.
    long to = index == Long.MAX_VALUE ? index : index + 1;
    return ListProofBuilder.build(store, size(), index, to);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IndexOutOfBoundsException if {@code from} is negative
   * @throws IllegalArgumentException if {@code from} is greater than {@code toExclusive}
   */
  @Override
  public ListProof rangeProof(long from, long toExclusive) {
    ViewChecks.requireNonNegative(raw, from);
    if (from > toExclusive) {
      throw new IllegalArgumentException(
          "Range ["
              + from
              + ", "
              + toExclusive
              + ") of proof list '"
              + raw.address()
              + "' ends before it starts");
    }
    return ListProofBuilder.build(store, size(), from, toExclusive);
  }

  /** Appends encoded elements with one tree update. */
  private void append(List<byte[]> batch) {
    long size = size();
    Hash[] leaves = new Hash[batch.size()];
    for (int i = 0; i < leaves.length; i++) {
      store.putElement(size + i, batch.get(i));
      leaves[i] = Hashing.value(batch.get(i));
    }
    tree.update(size, leaves, size + leaves.length);
    store.setLength(size + leaves.length);
  }

  private V element(long position) {
    return ViewChecks.decodeAt(raw, values, store.element(position), position);
  }

  /** Encodes and checks the size first, so an oversized value fails before anything is written. */
  private byte[] encode(V value) {
    byte[] bytes = values.encode(value);
    if (bytes.length > Limits.MAX_VALUE_SIZE) {
      throw new IllegalArgumentException(
          "Element of proof list '"
              + raw.address()
              + "' is "
              + bytes.length
              + " bytes; at most "
              + Limits.MAX_VALUE_SIZE
              + " are allowed");
    }
    return bytes;
  }
}
