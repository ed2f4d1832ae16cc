package io.polyhost.api.storage;

import io.polyhost.api.proof.MapProof;
import java.util.Collection;

/**
 * A map under a binary Merkle Patricia trie: its object hash covers every entry, and it proves the
 * value or the absence of any set of keys.
 *
 * <p>Each key sits at a 256-bit path: the SHA-256 of the serialized key for a map opened with
 * {@link IndexAccess#proofMap}, the serialized key itself (exactly 32 bytes) for one opened with
 * {@link IndexAccess#rawProofMap}. Iteration follows the order of the paths: for a hashed-key map
 * this is the order of the key hashes, not of the keys, and {@link #entriesFrom} starts at the path
 * of {@code from}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface ProofMapIndex<K, V> extends MapIndex<K, V>, HasObjectHash {
  /** A proof of the value of {@code key}, or of its absence, against {@link #objectHash()}. */
  MapProof proof(K key);

  /**
   * A proof of the value or absence of each of {@code keys} (duplicates are proven once) against
   * {@link #objectHash()}.
   */
  MapProof proof(Collection<? extends K> keys);
}
