package io.polyhost.api.proof;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proto.ListProofProto;
import java.util.List;

/**
 * A proof that a Merkelized list with a given hash has a certain length and holds certain elements;
 * what {@link io.polyhost.api.storage.ProofListIndex} hands to light clients.
 *
 * <p>Nothing in a proof is trusted until {@link #verify} recomputes the list hash from it and
 * compares that with a hash the client already trusts (for example one proven against a block's
 * state hash). A proof with no entries proves only the length: that is how a list shows that a
 * position lies beyond its end.
 *
 * <p>The tree over a list of {@code length} elements: level 0 holds the value hash of each element;
 * each higher level pairs up the nodes below it from the left, a last node without a partner
 * getting a parent with a single child; the single node of the top level is the root (for one
 * element, its value hash). The proof carries exactly the node hashes that the verifier needs and
 * cannot compute from the entries, so for a given list and set of positions there is only one valid
 * proof: a missing, extra or misplaced hash is rejected, not ignored.
 *
 * @param length the number of elements in the list
 * @param entries the proven elements, in strictly increasing position order
 * @param nodes the supplied node hashes, ordered by height, then position
 */
public record ListProof(long length, List<ListProofEntry> entries, List<ListProofNode> nodes) {
  /**
   * Checks that the parts fit together; the hashes are checked only by {@link #verify}.
   *
   * @throws ProofVerificationException if the length is negative, the entries are not in strictly
   *     increasing position order or lie beyond the end, or a node is out of order, repeated or
   *     outside the tree of a list of this length
   */
  public ListProof {
    if (length < 0) {
      throw new ProofVerificationException("List proof has negative length " + length);
    }
    entries = List.copyOf(entries);
    nodes = List.copyOf(nodes);
    checkEntries(length, entries);
    checkNodes(length, nodes);
  }

  /**
   * Recomputes the list hash from this proof and checks it against a trusted hash.
   *
   * @return the proven length and elements
   * @throws ProofVerificationException if a node hash is missing or superfluous, or the proof gives
   *     another list hash than {@code expectedListHash}
   */
  public VerifiedListProof verify(Hash expectedListHash) {
    Hash actual = Hashing.list(length, ListProofVerifier.root(this));
    if (!actual.equals(expectedListHash)) {
      throw new ProofVerificationException(
          "List proof gives list hash "
              + actual
              + " for a list of "
              + length
              + " elements, but the expected list hash is "
              + expectedListHash);
    }
    return new VerifiedListProof(length, entries);
  }

  /**
   * Like {@link #verify}, and also checks that the proof answers the query for positions {@code
   * from} (inclusive) to {@code toExclusive}: it holds exactly the elements of that range that
   * exist, and none when the range starts at or beyond the end.
   *
   * @throws IllegalArgumentException if {@code from} is negative or greater than {@code
   *     toExclusive}
   * @throws ProofVerificationException if the proof fails {@link #verify} or holds other positions
   */
  public VerifiedListProof verifyRange(Hash expectedListHash, long from, long toExclusive) {
    if (from < 0 || from > toExclusive) {
      throw new IllegalArgumentException(
          "Not a range of list positions: [" + from + ", " + toExclusive + ")");
    }
    VerifiedListProof verified = verify(expectedListHash);
    long end = Math.min(toExclusive, length);
    long expectedCount = Math.max(0, end - from);
    // Positions are strictly increasing, so count plus both ends pin down the whole range.
    boolean matches =
        entries.size() == expectedCount
            && (entries.isEmpty()
                || (entries.getFirst().position() == from
                    && entries.getLast().position() == end - 1));
    if (!matches) {
      throw new ProofVerificationException(
          "List proof holds "
              + describePositions()
              + ", but the range ["
              + from
              + ", "
              + toExclusive
              + ") of a list of "
              + length
              + " elements needs "
              + (expectedCount == 0 ? "none" : "positions " + from + " .. " + (end - 1)));
    }
    return verified;
  }

  /** The wire form, for sending the proof to a client. */
  public ListProofProto toProto() {
    return ListProofCodec.toProto(this);
  }

  /**
   * Reads the wire form, checking that it is well-formed; the hashes are checked only by {@link
   * #verify}.
   *
   * @throws ProofVerificationException if the message is malformed: a number out of range, a hash
   *     that is not 32 bytes, or parts that do not fit together (see {@link ListProof})
   */
  public static ListProof fromProto(ListProofProto proto) {
    return ListProofCodec.fromProto(proto);
  }

  private String describePositions() {
    if (entries.isEmpty()) {
      return "no elements";
    }
    return entries.size()
        + " element(s) at positions "
        + entries.getFirst().position()
        + " .. "
        + entries.getLast().position();
  }

  private static void checkEntries(long length, List<ListProofEntry> entries) {
    for (int i = 0; i < entries.size(); i++) {
      long position = entries.get(i).position();
      if (i > 0 && position <= entries.get(i - 1).position()) {
        throw new ProofVerificationException(
            "List proof entries must have strictly increasing positions, but entry #"
                + i
                + " at position "
                + position
                + " follows position "
                + entries.get(i - 1).position());
      }
      if (position >= length) {
        throw new ProofVerificationException(
            "List proof entry #"
                + i
                + " is at position "
                + position
                + ", beyond the end of a list of "
                + length
                + " elements");
      }
    }
  }

  private static void checkNodes(long length, List<ListProofNode> nodes) {
    for (int i = 0; i < nodes.size(); i++) {
      ListProofNode node = nodes.get(i);
      if (i > 0 && !nodes.get(i - 1).isBefore(node)) {
        throw new ProofVerificationException(
            "List proof nodes must be ordered by height, then position, without repeats, but node #"
                + i
                + " at "
                + node.coordinates()
                + " follows "
                + nodes.get(i - 1).coordinates());
      }
      long width = ListTreeShape.width(node.height(), length);
      if (node.position() >= width) {
        throw new ProofVerificationException(
            "List proof node #"
                + i
                + " at "
                + node.coordinates()
                + " is outside the tree of a list of "
                + length
                + " elements, whose level "
                + node.height()
                + " has "
                + width
                + " node(s)");
      }
    }
  }
}
