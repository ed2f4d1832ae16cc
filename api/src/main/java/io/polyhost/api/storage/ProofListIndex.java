package io.polyhost.api.storage;

import io.polyhost.api.proof.ListProof;

/**
 * A {@link ListIndex} under a Merkle tree: its {@link #objectHash()} commits to the length and to
 * every element, and it proves single elements and ranges to clients that know only that hash.
 *
 * <p>The object hash is the list hash of the scheme described in {@link io.polyhost.api.proof}.
 * Updates rehash only the path from the changed elements to the root, so each costs O(log n)
 * hashes.
 *
 * @param <V> the element type
 */
public interface ProofListIndex<V> extends ListIndex<V>, HasObjectHash {
  /**
   * A proof of the element at {@code index}.
   *
   * <p>When {@code index >= size()} the proof holds no element and proves the list length instead,
   * which shows the client that the position is beyond the end.
   *
   * @throws IndexOutOfBoundsException if {@code index} is negative
   */
  ListProof proof(long index);

  /**
   * A proof of the elements at positions {@code from} (inclusive) up to {@code toExclusive}.
   *
   * <p>Only the part of the range inside the list is proven; the proof also proves the length, so a
   * client sees where the list ends. A range that is empty or starts at or beyond the end gives a
   * proof with no elements, which proves just the length.
   *
   * @throws IllegalArgumentException if {@code from} is negative or greater than {@code
   *     toExclusive}
   */
  ListProof rangeProof(long from, long toExclusive);
}
