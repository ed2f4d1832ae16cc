package io.polyhost.host.blockchain;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.proof.ListProof;
import io.polyhost.api.proof.ListProofEntry;
import io.polyhost.api.proof.ListProofNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree of a list of hashes, built in memory with the shape and hashes of a stored proof
 * list ({@link io.polyhost.api.proof.ListProof} describes it): level 0 holds the value hashes of
 * the elements (each element serialized as its 32 bytes), each level above pairs up the one below
 * from the left, a last unpaired node gets a single-child parent.
 *
 * <p>{@link BlockTransactions} stores a block's hashes without their tree; this gives the same list
 * hash and the same proofs as a proof list, node for node and in the same order, so clients cannot
 * tell the layouts apart.
 */
final class ListMerkleTree {
  private final List<Hash> elements;
  private final Hash[][] levels;

  private ListMerkleTree(List<Hash> elements, Hash[][] levels) {
    this.elements = elements;
    this.levels = levels;
  }

  /** The tree over {@code elements}, in order. */
  static ListMerkleTree of(List<Hash> elements) {
    int length = elements.size();
    if (length == 0) {
      return new ListMerkleTree(elements, new Hash[0][]);
    }
    Hash[][] levels = new Hash[rootHeight(length) + 1][];
    Hash[] level = new Hash[length];
    for (int i = 0; i < length; i++) {
      level[i] = Hashing.value(elements.get(i).toBytes());
    }
    levels[0] = level;
    for (int height = 1; height < levels.length; height++) {
      Hash[] below = level;
      level = new Hash[(below.length + 1) / 2];
      for (int i = 0; i < level.length; i++) {
        int left = 2 * i;
        level[i] =
            left + 1 < below.length
                ? Hashing.listBranch(below[left], below[left + 1])
                : Hashing.listBranch(below[left]);
      }
      levels[height] = level;
    }
    return new ListMerkleTree(elements, levels);
  }

  /** The object hash of the list: its length and root, hashed. */
  Hash listHash() {
    Hash root = levels.length == 0 ? Hash.zero() : levels[levels.length - 1][0];
    return Hashing.list(elements.size(), root);
  }

  /**
   * The proof of the element at {@code position}, or of the length alone when the position is past
   * the end: the siblings on the path to the root, lowest first, left before right.
   *
   * @throws IndexOutOfBoundsException if {@code position} is negative
   */
  ListProof proof(long position) {
    if (position < 0) {
      throw new IndexOutOfBoundsException("A list position cannot be negative: " + position);
    }
    int length = elements.size();
    if (position >= length) {
      List<ListProofNode> root =
          length == 0
              ? List.of()
              : List.of(new ListProofNode(levels.length - 1, 0, levels[levels.length - 1][0]));
      return new ListProof(length, List.of(), root);
    }
    int at = (int) position;
    List<ListProofNode> nodes = new ArrayList<>();
    for (int height = 0; height < levels.length - 1; height++) {
      Hash[] level = levels[height];
      if ((at & 1) == 1) {
        nodes.add(new ListProofNode(height, at - 1, level[at - 1]));
      } else if (at + 1 < level.length) {
        nodes.add(new ListProofNode(height, at + 1, level[at + 1]));
      }
      at >>>= 1;
    }
    return new ListProof(
        length,
        List.of(new ListProofEntry(position, elements.get((int) position).toBytes())),
        nodes);
  }

  private static int rootHeight(int length) {
    return 32 - Integer.numberOfLeadingZeros(length - 1);
  }
}
