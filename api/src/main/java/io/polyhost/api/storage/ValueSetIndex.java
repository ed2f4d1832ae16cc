package io.polyhost.api.storage;

import io.polyhost.api.crypto.Hash;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A set of values, each addressed by the SHA-256 hash of its serialized form.
 *
 * @param <V> the value type
 */
public interface ValueSetIndex<V> {
  /** Whether {@code value} is in the set. */
  boolean contains(V value);

  /** Whether a value with this hash is in the set. */
  boolean containsByHash(Hash hash);

  /** The value with this hash, if present. */
  Optional<V> getByHash(Hash hash);

  /** Adds {@code value}; does nothing if present. */
  void add(V value);

  /** Removes {@code value}; does nothing if absent. */
  void remove(V value);

  /** Removes the value with this hash; does nothing if absent. */
  void removeByHash(Hash hash);

  /** Removes every value. */
  void clear();

  /** (hash, value) pairs in hash order. */
  Iterator<Map.Entry<Hash, V>> entries();

  /**
   * (hash, value) pairs in hash order, starting at the first hash not less than {@code from}: a way
   * to resume an iteration where an earlier one stopped.
   */
  Iterator<Map.Entry<Hash, V>> entriesFrom(Hash from);

  /** The hashes, in order. */
  Iterator<Hash> hashes();
}
