package io.polyhost.api.proof;

import io.polyhost.api.crypto.Hash;

/**
 * A hash a {@link ListProof} supplies for a tree node the verifier cannot compute from the proven
 * elements: a sibling on the way to the root, or the root itself in a proof with no elements.
 *
 * <p>Height 0 is the level of the value hashes; the node at {@code (height, position)} covers the
 * elements {@code position * 2^height} up to {@code (position + 1) * 2^height - 1}.
 *
 * @param height the level of the node, 0 for a value hash
 * @param position the position of the node within its level
 * @param hash the node hash
 */
public record ListProofNode(int height, long position, Hash hash) {
  /** The greatest height a node can have: the root of a list of 2^63 - 1 elements. */
  public static final int MAX_HEIGHT = 63;

  /**
   * Validates the coordinates.
   *
   * @throws ProofVerificationException if {@code height} is not in {@code 0 ..} {@value
   *     #MAX_HEIGHT} or {@code position} is negative
   */
  public ListProofNode {
    if (height < 0 || height > MAX_HEIGHT) {
      throw new ProofVerificationException(
          "List proof node has height " + height + "; heights are 0 .. " + MAX_HEIGHT);
    }
    if (position < 0) {
      throw new ProofVerificationException(
          "List proof node at height " + height + " has negative position " + position);
    }
  }

  /** Whether this node comes before {@code o} in proof order: by height, then by position. */
  boolean isBefore(ListProofNode o) {
    return height < o.height || (height == o.height && position < o.position);
  }

  /** Whether this node sits at {@code (height, position)}. */
  boolean isAt(int height, long position) {
    return this.height == height && this.position == position;
  }

  /** The coordinates as text, for error messages. */
  String coordinates() {
    return "(height " + height + ", position " + position + ")";
  }
}
