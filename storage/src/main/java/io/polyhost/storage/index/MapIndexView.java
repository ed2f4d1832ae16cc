package io.polyhost.storage.index;

import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.Serializer;
import io.polyhost.storage.RawIndex;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MapIndex} over a raw index of type {@link IndexType#MAP}: each value is stored under the
 * serialized key, so iteration follows the unsigned byte order of the serialized keys.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class MapIndexView<K, V> implements MapIndex<K, V> {
  private static final byte[] START = new byte[0];

  private final RawIndex raw;
  private final Serializer<K> keys;
  private final Serializer<V> values;

  /**
   * A view of {@code raw}, encoding keys with {@code keys} and values with {@code values}.
   *
   * @throws io.polyhost.api.storage.IndexTypeMismatchException if {@code raw} is not a map
   */
  public MapIndexView(RawIndex raw, Serializer<K> keys, Serializer<V> values) {
    this.raw = ViewChecks.requireType(raw, IndexType.MAP);
    this.keys = keys;
    this.values = values;
  }

  @Override
  public Optional<V> get(K key) {
    byte @Nullable [] bytes = raw.get(keys.encode(key));
    return bytes == null
        ? Optional.empty()
        : Optional.of(ViewChecks.decode(raw, values, bytes, "value"));
  }

  @Override
  public boolean containsKey(K key) {
    return raw.contains(keys.encode(key));
  }

  @Override
  public void put(K key, V value) {
    ViewChecks.requireWritable(raw);
    raw.put(keys.encode(key), values.encode(value));
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
  public Iterator<Map.Entry<K, V>> entries() {
    return entriesFromBytes(START);
  }

  @Override
  public Iterator<Map.Entry<K, V>> entriesFrom(K from) {
    return entriesFromBytes(keys.encode(from));
  }

  @Override
  public Iterator<K> keys() {
    return new DecodingIterator<>(
        raw.iterator(START), e -> ViewChecks.decode(raw, keys, e.key(), "key"));
  }

  @Override
  public Iterator<V> values() {
    return new DecodingIterator<>(
        raw.iterator(START), e -> ViewChecks.decode(raw, values, e.value(), "value"));
  }

  private Iterator<Map.Entry<K, V>> entriesFromBytes(byte[] from) {
    return new DecodingIterator<>(
        raw.iterator(from),
        e ->
            Map.entry(
                ViewChecks.decode(raw, keys, e.key(), "key"),
                ViewChecks.decode(raw, values, e.value(), "value")));
  }
}
