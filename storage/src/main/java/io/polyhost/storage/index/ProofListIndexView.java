package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.proof.ListProof;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.IndexTypeMismatchException;
import io.polyhost.api.storage.ProofListIndex;
import io.polyhost.api.storage.ReadOnlyStorageException;
import io.polyhost.api.storage.Serializer;
import io.polyhost.storage.Limits;
import io.polyhost.storage.RawIndex;
import java.util.Iterator;
import java.util.Optional;

/**
 * A {@link ProofListIndex} stored in a {@link RawIndex}: the elements, the node hashes of their
 * Merkle tree and the length (see {@code ListStore} for the layout).
 *
 * <p>Every mutation leaves the stored tree consistent, so {@link #objectHash()} and proofs are a
 * few reads away. The view holds no state of its own: several views over the same raw index always
 * agree.
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
   * @throws IndexTypeMismatchException if {@code raw} is not a {@link IndexType#PROOF_LIST}
   */
  public ProofListIndexView(RawIndex raw, Serializer<V> values) {
    requireProofList(raw);
    this.raw = raw;
    this.values = values;
    this.store = new ListStore(raw);
    this.tree = new ListTree(store);
  }

  /**
   * The object hash of the proof list stored in {@code raw}, read from its stored root without a
   * serializer; for state aggregation.
   *
   * @throws IndexTypeMismatchException if {@code raw} is not a {@link IndexType#PROOF_LIST}
   */
  public static Hash objectHashOf(RawIndex raw) {
    requireProofList(raw);
    ListStore store = new ListStore(raw);
    return new ListTree(store).listHash(store.length());
  }

  @Override
  public long size() {
    return store.length();
  }

  @Override
  public Optional<V> get(long index) {
    if (index < 0 || index >= size()) {
      return Optional.empty();
    }
    return Optional.of(values.decode(store.element(index)));
  }

  @Override
  public Optional<V> last() {
    long size = size();
    return size == 0 ? Optional.empty() : Optional.of(values.decode(store.element(size - 1)));
  }

  @Override
  public void add(V value) {
    checkWritable();
    byte[] bytes = encode(value);
    long size = size();
    store.putElement(size, bytes);
    tree.update(size, new Hash[] {Hashing.value(bytes)}, size + 1);
    store.setLength(size + 1);
  }

  @Override
  public void addAll(Iterable<? extends V> newValues) {
    checkWritable();
    byte[][] batch = new byte[BATCH_SIZE][];
    int count = 0;
    for (V value : newValues) {
      batch[count++] = encode(value);
      if (count == BATCH_SIZE) {
        append(batch, count);
        count = 0;
      }
    }
    if (count > 0) {
      append(batch, count);
    }
  }

  @Override
  public void set(long index, V value) {
    checkWritable();
    long size = size();
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(
          "Index "
              + index
              + " is out of bounds for proof list '"
              + raw.address()
              + "' of size "
              + size);
    }
    byte[] bytes = encode(value);
    store.putElement(index, bytes);
    tree.update(index, new Hash[] {Hashing.value(bytes)}, size);
  }

  @Override
  public Optional<V> removeLast() {
    checkWritable();
    long size = size();
    if (size == 0) {
      return Optional.empty();
    }
    V last = values.decode(store.element(size - 1));
    truncate(size - 1);
    return Optional.of(last);
  }

  @Override
  public void truncate(long newSize) {
    if (newSize < 0) {
      throw new IllegalArgumentException("Cannot truncate a list to negative size " + newSize);
    }
    checkWritable();
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
    checkWritable();
    store.clear();
  }

  @Override
  public Iterator<V> iterator(long from) {
    if (from < 0) {
      throw new IllegalArgumentException("Cannot iterate a list from negative position " + from);
    }
    Iterator<byte[]> elements = store.elements(from, size());
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return elements.hasNext();
      }

      @Override
      public V next() {
        return values.decode(elements.next());
      }
    };
  }

  @Override
  public Hash objectHash() {
    return tree.listHash(size());
  }

  @Override
  public ListProof proof(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("Cannot prove negative list position " + index);
    }
    // index + 1 would overflow at Long.MAX_VALUE, a position no list can hold anyway.
    long to = index == Long.MAX_VALUE ? index : index + 1;
    return ListProofBuilder.build(store, size(), index, to);
  }

  @Override
  public ListProof rangeProof(long from, long toExclusive) {
    if (from < 0 || from > toExclusive) {
      throw new IllegalArgumentException(
          "Not a range of list positions: [" + from + ", " + toExclusive + ")");
    }
    return ListProofBuilder.build(store, size(), from, toExclusive);
  }

  /** Appends {@code count} encoded elements with one tree update. */
  private void append(byte[][] batch, int count) {
    long size = size();
    Hash[] leaves = new Hash[count];
    for (int i = 0; i < count; i++) {
      store.putElement(size + i, batch[i]);
      leaves[i] = Hashing.value(batch[i]);
    }
    tree.update(size, leaves, size + count);
    store.setLength(size + count);
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

  private void checkWritable() {
    if (!raw.isWritable()) {
      throw new ReadOnlyStorageException(raw.address());
    }
  }

  private static void requireProofList(RawIndex raw) {
    if (raw.type() != IndexType.PROOF_LIST) {
      throw new IndexTypeMismatchException(raw.address(), raw.type(), IndexType.PROOF_LIST);
    }
  }
}
