package io.polyhost.storage.index;

import io.polyhost.api.storage.Serializer;
import io.polyhost.storage.RawIndex;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The one optional value of an entry, stored under the empty key; shared by both entry views. */
final class SingleValue<V> {
  /** The key of the value; no other key is ever used. */
  static final byte[] KEY = new byte[0];

  private final RawIndex raw;
  private final Serializer<V> values;

  SingleValue(RawIndex raw, Serializer<V> values) {
    this.raw = raw;
    this.values = values;
  }

  /** The stored bytes of the value, or {@code null}. */
  static byte @Nullable [] bytes(RawIndex raw) {
    return raw.get(KEY);
  }

  Optional<V> get() {
    byte @Nullable [] bytes = bytes(raw);
    return bytes == null
        ? Optional.empty()
        : Optional.of(ViewChecks.decode(raw, values, bytes, "value"));
  }

  boolean isPresent() {
    return raw.contains(KEY);
  }

  void set(V value) {
    ViewChecks.requireWritable(raw);
    raw.put(KEY, values.encode(value));
  }

  void remove() {
    ViewChecks.requireWritable(raw);
    raw.remove(KEY);
  }
}
