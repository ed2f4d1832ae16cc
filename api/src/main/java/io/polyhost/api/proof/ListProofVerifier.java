package io.polyhost.api.proof;

import io.polyhost.api.crypto.Hash;
import java.util.List;

/**
 * Recomputes the root of a list tree from a {@link ListProof}, level by level, taking the supplied
 * node hashes strictly in order so that a missing or superfluous one is caught where it occurs.
 */
final class ListProofVerifier {
  private final List<ListProofNode> nodes;
  private int next;

  private ListProofVerifier(List<ListProofNode> nodes) {
    this.nodes = nodes;
  }

  /**
   * The tree root the proof implies; the zero hash for an empty list.
   *
   * @throws ProofVerificationException if a needed node hash is missing or a supplied one is not
   *     needed
   */
  static Hash root(ListProof proof) {
    if (proof.length() == 0) {
      // The constructor admits neither entries nor nodes for an empty list.
      return Hash.zero();
    }
    ListProofVerifier verifier = new ListProofVerifier(proof.nodes());
    Hash root = verifier.computeRoot(proof.length(), proof.entries());
    verifier.requireAllUsed();
    return root;
  }

  private Hash computeRoot(long length, List<ListProofEntry> entries) {
    int top = ListTreeShape.rootHeight(length);
    if (entries.isEmpty()) {
      return take(top, 0);
    }
    // The known nodes of the current level: their positions (increasing) and hashes.
    int count = entries.size();
    long[] positions = new long[count];
    Hash[] hashes = new Hash[count];
    for (int i = 0; i < count; i++) {
      positions[i] = entries.get(i).position();
      hashes[i] = entries.get(i).valueHash();
    }
    for (int height = 0; height < top; height++) {
      long width = ListTreeShape.width(height, length);
      int parents = 0;
      int i = 0;
      // Parents are written at index `parents`, which always trails `i`: the arrays are reused.
      while (i < count) {
        long left = positions[i] & ~1L;
        Hash leftHash = positions[i] == left ? hashes[i++] : take(height, left);
        Hash parent;
        if (left + 1 >= width) {
          parent = Hashing.listBranch(leftHash);
        } else {
          boolean rightKnown = i < count && positions[i] == left + 1;
          Hash rightHash = rightKnown ? hashes[i++] : take(height, left + 1);
          parent = Hashing.listBranch(leftHash, rightHash);
        }
        positions[parents] = left >>> 1;
        hashes[parents] = parent;
        parents++;
      }
      count = parents;
    }
    // The constructor keeps entries inside the list; this guards the root against any slip.
    if (count != 1 || positions[0] != 0) {
      throw new ProofVerificationException(
          "List proof entries do not fit in the tree of a list of " + length + " elements");
    }
    return hashes[0];
  }

  /** The supplied hash of the node at {@code (height, position)}, which must be the next one. */
  private Hash take(int height, long position) {
    if (next < nodes.size()) {
      ListProofNode node = nodes.get(next);
      if (node.isAt(height, position)) {
        next++;
        return node.hash();
      }
      if (node.height() < height || (node.height() == height && node.position() < position)) {
        throw superfluous(node);
      }
    }
    throw new ProofVerificationException(
        "List proof lacks the hash of the node at (height "
            + height
            + ", position "
            + position
            + "), which the verifier needs and cannot compute from the proven elements");
  }

  private void requireAllUsed() {
    if (next < nodes.size()) {
      throw superfluous(nodes.get(next));
    }
  }

  private ProofVerificationException superfluous(ListProofNode node) {
    return new ProofVerificationException(
        "List proof node #"
            + next
            + " at "
            + node.coordinates()
            + " is not needed: the verifier computes it from the proven elements, or it is off"
            + " their paths to the root");
  }
}
