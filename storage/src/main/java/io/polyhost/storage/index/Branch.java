package io.polyhost.storage.index;

import io.polyhost.api.proof.ProofPath;

/**
 * A stored trie branch: its path and its two children. Its own hash is kept by its parent (or the
 * index state, for the root), so it is computed once, when the branch is written (see {@link
 * BranchBody}).
 *
 * @param path the longest common prefix of the two children
 * @param left the child whose path continues with bit 0
 * @param right the child whose path continues with bit 1
 */
record Branch(ProofPath path, NodeRef left, NodeRef right) {
  /** The child on side {@code bit} (0 left, 1 right). */
  NodeRef child(int bit) {
    return bit == 0 ? left : right;
  }
}
