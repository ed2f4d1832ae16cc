package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.proof.ProofPath;

/**
 * A stored trie branch: its path and its two children. Its own hash is kept by its parent (or the
 * index state, for the root), so it is computed once, when the branch is written.
 *
 * @param path the longest common prefix of the two children
 * @param left the child whose path continues with bit 0
 * @param right the child whose path continues with bit 1
 */
record Branch(ProofPath path, NodeRef left, NodeRef right) {
  /** The branch joining two sibling subtrees, {@code left} sorting before {@code right}. */
  static Branch join(NodeRef left, NodeRef right) {
    return new Branch(
        left.path().prefix(left.path().commonPrefixLength(right.path())), left, right);
  }

  Hash hash() {
    return Hashing.mapBranch(left.path(), left.hash(), right.path(), right.hash());
  }

  NodeRef ref() {
    return new NodeRef(path, hash());
  }

  /** The child on side {@code bit} (0 left, 1 right). */
  NodeRef child(int bit) {
    return bit == 0 ? left : right;
  }
}
