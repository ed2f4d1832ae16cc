package io.polyhost.api.storage;

import java.util.Optional;

/**
 * A single optional value.
 *
 * @param <V> the value type
 */
public interface Entry<V> {
  /** The value, if set. */
  Optional<V> get();

  /** Whether a value is set. */
  boolean isPresent();

  /** Sets the value, replacing any previous one. */
  void set(V value);

  /** Removes the value; does nothing if none is set. */
  void remove();
}
