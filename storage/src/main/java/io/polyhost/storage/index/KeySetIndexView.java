package io.polyhost.storage.index;

import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.KeySetIndex;
import io.polyhost.api.storage.Serializer;
import io.polyhost.storage.RawIndex;
import java.util.Iterator;

/**
 * A {@link KeySetIndex} over a raw index of type {@link IndexType#KEY_SET}: each member is a raw
 * key (its serialized form) with an empty value, so iteration follows the unsigned byte order of
 * the serialized keys.
 *
 * @param <K> the key type
 */
public final class KeySetIndexView<K> implements KeySetIndex<K> {
  private static final byte[] PRESENT = new byte[0];

  private final RawIndex raw;
  private final Serializer<K> keys;

  /**
   * A view of {@code raw}, encoding keys with {@code keys}.
   *
   * @throws io.polyhost.api.storage.IndexTypeMismatchException if {@code raw} is not a key set
   */
  public KeySetIndexView(RawIndex raw, Serializer<K> keys) {
    this.raw = ViewChecks.requireType(raw, IndexType.KEY_SET);
    this.keys = keys;
  }

  @Override
  public boolean contains(K key) {
    return raw.contains(keys.encode(key));
  }

  @Override
  public void add(K key) {
    ViewChecks.requireWritable(raw);
    raw.put(keys.encode(key), PRESENT);
  }

  @Override
  public void remove(K key) {
    ViewChecks.requireWritable(raw);
    raw.remove(keys.encode(key));
  }

  @Override
  public void clear() {
    ViewChecks.requireWritable(raw);
    raw.clear();
  }

  @Override
  public Iterator<K> iterator() {
    return iteratorFromBytes(new byte[0]);
  }

  @Override
  public Iterator<K> iteratorFrom(K from) {
    return iteratorFromBytes(keys.encode(from));
  }

  private Iterator<K> iteratorFromBytes(byte[] from) {
    return new DecodingIterator<>(
        raw.iterator(from), e -> ViewChecks.decode(raw, keys, e.key(), "key"));
  }
}
