package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.ValueSetIndex;
import io.polyhost.storage.RawEntry;
import io.polyhost.storage.RawIndex;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ValueSetIndex} over a raw index of type {@link IndexType#VALUE_SET}: each serialized
 * value is stored under its plain SHA-256 hash.
 *
 * @param <V> the value type
 */
public final class ValueSetIndexView<V> implements ValueSetIndex<V> {
  private final RawIndex raw;
  private final Serializer<V> values;

  /**
   * A view of {@code raw}, encoding values with {@code values}.
   *
   * @throws io.polyhost.api.storage.IndexTypeMismatchException if {@code raw} is not a value set
   */
  public ValueSetIndexView(RawIndex raw, Serializer<V> values) {
    this.raw = ViewChecks.requireType(raw, IndexType.VALUE_SET);
    this.values = values;
  }

  @Override
  public boolean contains(V value) {
    return raw.contains(keyOf(value));
  }

  @Override
  public boolean containsByHash(Hash hash) {
    return raw.contains(hash.toBytes());
  }

  @Override
  public Optional<V> getByHash(Hash hash) {
    byte @Nullable [] bytes = raw.get(hash.toBytes());
    return bytes == null
        ? Optional.empty()
        : Optional.of(ViewChecks.decode(raw, values, bytes, "value"));
  }

  @Override
  public void add(V value) {
    ViewChecks.requireWritable(raw);
    byte[] bytes = values.encode(value);
    raw.put(Hash.sha256(bytes).toBytes(), bytes);
  }

  @Override
  public void remove(V value) {
    ViewChecks.requireWritable(raw);
    raw.remove(keyOf(value));
  }

  @Override
  public void removeByHash(Hash hash) {
    ViewChecks.requireWritable(raw);
    raw.remove(hash.toBytes());
  }

  @Override
  public void clear() {
    ViewChecks.requireWritable(raw);
    raw.clear();
  }

  @Override
  public Iterator<Map.Entry<Hash, V>> entries() {
    return entriesFromKey(new byte[0]);
  }

  @Override
  public Iterator<Map.Entry<Hash, V>> entriesFrom(Hash from) {
    return entriesFromKey(from.toBytes());
  }

  private Iterator<Map.Entry<Hash, V>> entriesFromKey(byte[] from) {
    return new DecodingIterator<>(
        raw.iterator(from),
        e -> Map.entry(hashOf(e), ViewChecks.decode(raw, values, e.value(), "value")));
  }

  @Override
  public Iterator<Hash> hashes() {
    return new DecodingIterator<>(raw.iterator(), this::hashOf);
  }

  private byte[] keyOf(V value) {
    return Hash.sha256(values.encode(value)).toBytes();
  }

  private Hash hashOf(RawEntry entry) {
    if (entry.key().length != Hash.SIZE) {
      throw ViewChecks.corrupt(
          raw, "a value is stored under a " + entry.key().length + "-byte key, not a hash");
    }
    return Hash.of(entry.key());
  }
}
