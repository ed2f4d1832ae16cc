package io.polyhost.storage.index;

import io.polyhost.api.storage.Entry;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializer;
import io.polyhost.storage.RawIndex;
import java.util.Optional;

/**
 * An {@link Entry} over a raw index of type {@link IndexType#ENTRY}: the value is stored under the
 * empty key.
 *
 * @param <V> the value type
 */
public final class EntryView<V> implements Entry<V> {
  private final SingleValue<V> value;

  /**
   * A view of {@code raw}, encoding values with {@code values}.
   *
   * @throws io.polyhost.api.storage.IndexTypeMismatchException if {@code raw} is not an entry
   */
  public EntryView(RawIndex raw, Serializer<V> values) {
    this.value = new SingleValue<>(ViewChecks.requireType(raw, IndexType.ENTRY), values);
  }

  @Override
  public Optional<V> get() {
    return value.get();
  }

  @Override
  public boolean isPresent() {
    return value.isPresent();
  }

  @Override
  public void set(V value) {
    this.value.set(value);
  }

  @Override
  public void remove() {
    value.remove();
  }
}
