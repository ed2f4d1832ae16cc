package io.polyhost.api.proof;

/**
 * The shape of the Merkle tree over a list: which nodes exist for a given length.
 *
 * <p>Level 0 holds one value hash per element. Each higher level pairs up the nodes below it, left
 * to right; a last node without a partner gets a parent with a single (left) child. The top level
 * has one node, the root; a list of one element has just the level 0.
 */
final class ListTreeShape {
  private ListTreeShape() {}

  /** The height of the root of a non-empty list of {@code length} elements. */
  static int rootHeight(long length) {
    return 64 - Long.numberOfLeadingZeros(length - 1);
  }

  /** How many nodes level {@code height} has in a list of {@code length} elements. */
  static long width(int height, long length) {
    if (length == 0 || height > rootHeight(length)) {
      return 0;
    }
    return ((length - 1) >>> height) + 1;
  }
}
