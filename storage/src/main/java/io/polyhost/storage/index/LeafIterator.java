package io.polyhost.storage.index;

import io.polyhost.api.proof.MapKeyMode;
import io.polyhost.storage.RawEntry;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Walks the leaf region of a proof map in path order, turning each stored record into a key and
 * value.
 *
 * @param <T> what each leaf becomes
 */
final class LeafIterator<T> implements Iterator<T> {
  private final Iterator<RawEntry> raw;
  private final MapKeyMode mode;
  private final BiFunction<byte[], byte[], T> decode;
  private @Nullable RawEntry next;

  /**
   * Over the raw entries from some leaf key on; {@code decode} gets the serialized key and value.
   */
  LeafIterator(Iterator<RawEntry> raw, MapKeyMode mode, BiFunction<byte[], byte[], T> decode) {
    this.raw = raw;
    this.mode = mode;
    this.decode = decode;
    advance();
  }

  private void advance() {
    next = null;
    if (raw.hasNext()) {
      RawEntry e = raw.next();
      if (TrieKeys.isIn(TrieKeys.LEAF, e.key())) {
        next = e;
      }
    }
  }

  @Override
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public T next() {
    RawEntry e = next;
    if (e == null) {
      throw new NoSuchElementException("No more entries in this proof map");
    }
    advance();
    byte[] record = e.value();
    return decode.apply(
        LeafRecord.key(mode, TrieKeys.pathOf(e.key()), record), LeafRecord.value(mode, record));
  }
}
