package io.polyhost.storage.index;

import io.polyhost.api.proof.ListProof;
import io.polyhost.api.proof.ListProofEntry;
import io.polyhost.api.proof.ListProofNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Builds {@link ListProof}s from a stored list: the elements of a range plus the sibling hashes on
 * the paths from the range's two edges to the root.
 */
final class ListProofBuilder {
  private ListProofBuilder() {}

  /** The proof of positions {@code from} up to {@code to} (clipped to the list). */
  static ListProof build(ListStore store, long length, long from, long to) {
    long end = Math.min(to, length);
    if (from >= end) {
      return lengthOnly(store, length);
    }
    List<ListProofEntry> entries = new ArrayList<>((int) Math.min(end - from, 1 << 16));
    Iterator<byte[]> values = store.elements(from, end);
    for (long p = from; p < end; p++) {
      entries.add(new ListProofEntry(p, values.next()));
    }
    List<ListProofNode> nodes = new ArrayList<>();
    // The proven run at each level is [lo, hi); only its outer neighbours are needed.
    long lo = from;
    long hi = end;
    int top = ListTree.rootHeight(length);
    for (int height = 0; height < top; height++) {
      if ((lo & 1) == 1) {
        nodes.add(new ListProofNode(height, lo - 1, store.node(height, lo - 1)));
      }
      if (((hi - 1) & 1) == 0 && hi < ListTree.width(height, length)) {
        nodes.add(new ListProofNode(height, hi, store.node(height, hi)));
      }
      lo >>>= 1;
      hi = ((hi - 1) >>> 1) + 1;
    }
    return new ListProof(length, entries, nodes);
  }

  /** A proof without elements: just the root, which with the length gives the list hash. */
  private static ListProof lengthOnly(ListStore store, long length) {
    if (length == 0) {
      return new ListProof(0, List.of(), List.of());
    }
    int top = ListTree.rootHeight(length);
    return new ListProof(length, List.of(), List.of(new ListProofNode(top, 0, store.node(top, 0))));
  }
}
