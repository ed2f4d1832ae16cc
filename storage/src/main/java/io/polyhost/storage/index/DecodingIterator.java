package io.polyhost.storage.index;

import io.polyhost.storage.RawEntry;
import java.util.Iterator;
import java.util.function.Function;

/**
 * Turns raw entries into typed elements one at a time, so that iterating a prefix of a large index
 * decodes only that prefix. {@link #remove()} is unsupported: views are changed through their own
 * methods.
 */
final class DecodingIterator<T> implements Iterator<T> {
  private final Iterator<RawEntry> raw;
  private final Function<RawEntry, T> decoder;

  DecodingIterator(Iterator<RawEntry> raw, Function<RawEntry, T> decoder) {
    this.raw = raw;
    this.decoder = decoder;
  }

  @Override
  public boolean hasNext() {
    return raw.hasNext();
  }

  @Override
  public T next() {
    return decoder.apply(raw.next());
  }
}
