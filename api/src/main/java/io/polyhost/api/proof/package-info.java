/**
 * Merkle proofs and their verification: usable on their own by a light client that holds nothing
 * but a trusted state hash.
 *
 * <p>The hashing scheme (every hash is SHA-256, {@code ||} is concatenation):
 *
 * <ul>
 *   <li>a stored value: {@code H(0x00 || value)};
 *   <li>a list tree node: {@code H(0x01 || left || right)}, or {@code H(0x01 || left)} when the
 *       node has only a left child;
 *   <li>a whole list: {@code H(0x02 || length as 8 bytes little-endian || root)}, the root of an
 *       empty list being the zero hash;
 *   <li>a whole map: {@code H(0x03 || root)}, the root being 32 zero bytes for an empty map, {@code
 *       H(0x04 || enc(path) || valueHash)} for a map with one entry, and otherwise the hash of the
 *       topmost branch;
 *   <li>a map trie branch: {@code H(0x04 || leftHash || rightHash || enc(leftPath) ||
 *       enc(rightPath))}, where {@code enc} is the canonical encoding of a {@link
 *       io.polyhost.api.proof.ProofPath} (bit length as 2 bytes big-endian, then the bits packed
 *       most significant first, zero-padded) and each child is a leaf (its 256-bit key path and
 *       value hash) or a branch (its path and hash); see {@link io.polyhost.api.proof.MapProof}.
 * </ul>
 *
 * <p>Distinct tags keep a value, a list node and a map node from ever being confused.
 */
@NullMarked
package io.polyhost.api.proof;

import org.jspecify.annotations.NullMarked;
