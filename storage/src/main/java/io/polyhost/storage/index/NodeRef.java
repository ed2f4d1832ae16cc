package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.ProofPath;

/**
 * A reference to a trie node: a leaf (256-bit path, value hash) or a branch (its path and hash).
 *
 * @param path where the node sits
 * @param hash the node hash
 */
record NodeRef(ProofPath path, Hash hash) {
  boolean isLeaf() {
    return path.isLeaf();
  }
}
