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
 *   <li>a whole map: {@code H(0x03 || root)}, where the root is described in {@link
 *       io.polyhost.api.proof.MapProof};
 *   <li>a map trie branch: {@code H(0x04 || ...)}, see {@link io.polyhost.api.proof.MapProof}.
 * </ul>
 *
 * <p>Distinct tags keep a value, a list node and a map node from ever being confused.
 */
@NullMarked
package io.polyhost.api.proof;

import org.jspecify.annotations.NullMarked;
