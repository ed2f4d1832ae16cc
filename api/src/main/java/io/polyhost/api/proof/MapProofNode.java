package io.polyhost.api.proof;

import io.polyhost.api.crypto.Hash;

/**
 * A subtree of a map trie that a {@link MapProof} does not open: its path and its hash.
 *
 * <p>A 256-bit path is a leaf, whose hash is the hash of its value; a shorter path is a branch.
 *
 * @param path where the subtree sits
 * @param hash the hash of the subtree
 */
public record MapProofNode(ProofPath path, Hash hash) {}
