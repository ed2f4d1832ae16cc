package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;

/**
 * Keeps the stored Merkle tree of a list in step with its elements.
 *
 * <p>The tree has the shape {@link io.polyhost.api.proof.ListProof} describes: level 0 holds the
 * value hashes (derived from the elements, not stored: see {@link ListStore}), each level above
 * pairs up the one below from the left (a last unpaired node gets a single-child parent), and the
 * top level is the root. After a change to a contiguous run of leaves only their ancestors are
 * rewritten: O(run + log n) hashes, reading at most the two boundary siblings per level.
 */
final class ListTree {
  private final ListStore store;

  ListTree(ListStore store) {
    this.store = store;
  }

  /** The height of the root of a non-empty list. */
  static int rootHeight(long length) {
    return 64 - Long.numberOfLeadingZeros(length - 1);
  }

  /** How many nodes level {@code height} has; 0 above the root and for an empty list. */
  static long width(int height, long length) {
    if (length == 0 || height > rootHeight(length)) {
      return 0;
    }
    return ((length - 1) >>> height) + 1;
  }

  /** The hash of the whole list, from the stored root: one read, one hash. */
  Hash listHash(long length) {
    Hash root = length == 0 ? Hash.zero() : store.node(rootHeight(length), 0);
    return Hashing.list(length, root);
  }

  /**
   * Rewrites the ancestors of positions {@code from ..}, whose elements (already stored) have the
   * value hashes {@code leaves}, for a list that now has {@code length} elements.
   */
  void update(long from, Hash[] leaves, long length) {
    rehashAncestors(from, leaves, length);
  }

  /**
   * Drops the elements and nodes beyond {@code newLength} and rewrites the right edge, whose nodes
   * may have lost their right child.
   *
   * @param newLength at least 1 and less than {@code oldLength}
   */
  void shrink(long oldLength, long newLength) {
    for (int height = 1; height <= rootHeight(oldLength); height++) {
      long oldWidth = width(height, oldLength);
      for (long p = width(height, newLength); p < oldWidth; p++) {
        store.removeNode(height, p);
      }
    }
    for (long p = newLength; p < oldLength; p++) {
      store.removeElement(p);
    }
    long last = newLength - 1;
    rehashAncestors(last, new Hash[] {store.node(0, last)}, newLength);
  }

  /** Rewrites the ancestors of the level-0 run {@code from ..}, whose hashes are {@code run}. */
  private void rehashAncestors(long from, Hash[] run, long length) {
    int top = rootHeight(length);
    for (int height = 0; height < top; height++) {
      long width = width(height, length);
      long to = from + run.length;
      long parentFrom = from >>> 1;
      Hash[] parents = new Hash[(int) (((to - 1) >>> 1) + 1 - parentFrom)];
      for (int i = 0; i < parents.length; i++) {
        long left = (parentFrom + i) << 1;
        Hash leftHash = left >= from ? run[(int) (left - from)] : store.node(height, left);
        long right = left + 1;
        if (right >= width) {
          parents[i] = Hashing.listBranch(leftHash);
        } else {
          Hash rightHash = right < to ? run[(int) (right - from)] : store.node(height, right);
          parents[i] = Hashing.listBranch(leftHash, rightHash);
        }
        store.putNode(height + 1, parentFrom + i, parents[i]);
      }
      from = parentFrom;
      run = parents;
    }
  }
}
