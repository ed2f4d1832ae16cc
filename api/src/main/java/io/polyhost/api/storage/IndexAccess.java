package io.polyhost.api.storage;

/**
 * Opens typed indexes inside one namespace (for a service: its own data, or another service's data
 * read-only).
 *
 * <p>Names given here are relative to the namespace: a service named {@code wallet} that opens
 * {@code balances} gets the index {@code wallet.balances}. Opening an index that does not exist yet
 * creates it on the first write; opening an existing address as another type throws {@link
 * IndexTypeMismatchException}. Views opened from a read-only access throw {@link
 * ReadOnlyStorageException} on every write.
 */
public interface IndexAccess {
  /** Whether views opened here accept writes. */
  boolean isWritable();

  /** An entry at {@code address}. */
  <V> Entry<V> entry(IndexAddress address, Serializer<V> values);

  /** A Merkelized entry at {@code address}. */
  <V> ProofEntry<V> proofEntry(IndexAddress address, Serializer<V> values);

  /** A list at {@code address}. */
  <V> ListIndex<V> list(IndexAddress address, Serializer<V> values);

  /** A Merkelized list at {@code address}, which proves its elements and ranges. */
  <V> ProofListIndex<V> proofList(IndexAddress address, Serializer<V> values);

  /** A map at {@code address}. */
  <K, V> MapIndex<K, V> map(IndexAddress address, Serializer<K> keys, Serializer<V> values);

  /**
   * A Merkelized map at {@code address} whose key paths are the SHA-256 hashes of the serialized
   * keys; it iterates in the order of those hashes.
   */
  <K, V> ProofMapIndex<K, V> proofMap(
      IndexAddress address, Serializer<K> keys, Serializer<V> values);

  /**
   * A Merkelized map at {@code address} whose serialized keys are used as paths directly; it
   * iterates in key order. Keys must serialize to exactly 32 bytes (hashes, public keys): other
   * keys are rejected with an {@link IllegalArgumentException}.
   */
  <K, V> ProofMapIndex<K, V> rawProofMap(
      IndexAddress address, Serializer<K> keys, Serializer<V> values);

  /** A key set at {@code address}. */
  <K> KeySetIndex<K> keySet(IndexAddress address, Serializer<K> keys);

  /** A value set at {@code address}. */
  <V> ValueSetIndex<V> valueSet(IndexAddress address, Serializer<V> values);

  /** A sparse list at {@code address}. */
  <V> SparseListIndex<V> sparseList(IndexAddress address, Serializer<V> values);

  /** An entry named {@code name}. */
  default <V> Entry<V> entry(String name, Serializer<V> values) {
    return entry(IndexAddress.of(name), values);
  }

  /** A Merkelized entry named {@code name}. */
  default <V> ProofEntry<V> proofEntry(String name, Serializer<V> values) {
    return proofEntry(IndexAddress.of(name), values);
  }

  /** A list named {@code name}. */
  default <V> ListIndex<V> list(String name, Serializer<V> values) {
    return list(IndexAddress.of(name), values);
  }

  /** A Merkelized list named {@code name}, which proves its elements and ranges. */
  default <V> ProofListIndex<V> proofList(String name, Serializer<V> values) {
    return proofList(IndexAddress.of(name), values);
  }

  /** A map named {@code name}. */
  default <K, V> MapIndex<K, V> map(String name, Serializer<K> keys, Serializer<V> values) {
    return map(IndexAddress.of(name), keys, values);
  }

  /**
   * A Merkelized map named {@code name} with hashed keys; see {@link #proofMap(IndexAddress,
   * Serializer, Serializer)}.
   */
  default <K, V> ProofMapIndex<K, V> proofMap(
      String name, Serializer<K> keys, Serializer<V> values) {
    return proofMap(IndexAddress.of(name), keys, values);
  }

  /**
   * A Merkelized map named {@code name} with 32-byte keys used as paths; see {@link
   * #rawProofMap(IndexAddress, Serializer, Serializer)}.
   */
  default <K, V> ProofMapIndex<K, V> rawProofMap(
      String name, Serializer<K> keys, Serializer<V> values) {
    return rawProofMap(IndexAddress.of(name), keys, values);
  }

  /** A key set named {@code name}. */
  default <K> KeySetIndex<K> keySet(String name, Serializer<K> keys) {
    return keySet(IndexAddress.of(name), keys);
  }

  /** A value set named {@code name}. */
  default <V> ValueSetIndex<V> valueSet(String name, Serializer<V> values) {
    return valueSet(IndexAddress.of(name), values);
  }

  /** A sparse list named {@code name}. */
  default <V> SparseListIndex<V> sparseList(String name, Serializer<V> values) {
    return sparseList(IndexAddress.of(name), values);
  }
}
