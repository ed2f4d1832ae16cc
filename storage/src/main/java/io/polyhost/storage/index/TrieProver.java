package io.polyhost.storage.index;

import io.polyhost.api.proof.MapKeyMode;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.proof.MapProofEntry;
import io.polyhost.api.proof.MapProofNode;
import io.polyhost.api.proof.ProofPath;
import io.polyhost.api.storage.StorageException;
import io.polyhost.storage.RawIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Builds a {@link MapProof}: opens the trie along the paths of the requested keys and lists every
 * sibling subtree that holds none of them.
 *
 * <p>The root branch is always opened, even when no key lies below it, because a proof made of one
 * branch would not bind that branch's own path.
 */
final class TrieProver {
  private final Trie trie;
  private final List<ProofPath> requested;
  private final List<MapProofNode> nodes = new ArrayList<>();
  private final Set<ProofPath> present = new HashSet<>();

  private TrieProver(Trie trie, List<ProofPath> requested) {
    this.trie = trie;
    this.requested = requested;
  }

  /** A proof for the keys in {@code byPath} (serialized keys by their paths). */
  static MapProof prove(
      Trie trie, RawIndex raw, MapKeyMode mode, SortedMap<ProofPath, byte[]> byPath) {
    TrieProver prover = new TrieProver(trie, new ArrayList<>(byPath.keySet()));
    prover.proveRoot();
    List<MapProofEntry> entries = new ArrayList<>(byPath.size());
    for (Map.Entry<ProofPath, byte[]> e : byPath.entrySet()) {
      if (prover.present.contains(e.getKey())) {
        byte[] record = raw.get(TrieKeys.leaf(e.getKey()));
        if (record == null) {
          throw new StorageException(
              "Corrupt proof map '"
                  + raw.address()
                  + "': the trie has a leaf at "
                  + e.getKey()
                  + " but no entry is stored there");
        }
        entries.add(MapProofEntry.present(e.getValue(), LeafRecord.value(mode, record)));
      } else {
        entries.add(MapProofEntry.missing(e.getValue()));
      }
    }
    return new MapProof(mode, entries, prover.nodes);
  }

  private void proveRoot() {
    NodeRef root = trie.root();
    if (root == null) {
      return;
    }
    if (root.isLeaf()) {
      // A single entry: it is either requested, or the only node of the proof.
      if (requested.contains(root.path())) {
        present.add(root.path());
      } else {
        nodes.add(new MapProofNode(root.path(), root.hash()));
      }
    } else {
      openBranch(root, 0, requested.size());
    }
  }

  /** Lists both children of the branch {@code ref}, opening those that hold requested keys. */
  private void openBranch(NodeRef ref, int from, int to) {
    Branch b = trie.branch(ref);
    int lo = from;
    while (lo < to && requested.get(lo).compareTo(b.left().path()) < 0) {
      lo++;
    }
    int hi = lo;
    while (hi < to && requested.get(hi).startsWith(b.left().path())) {
      hi++;
    }
    visitChild(b.left(), lo, hi);
    lo = hi;
    while (lo < to && requested.get(lo).compareTo(b.right().path()) < 0) {
      lo++;
    }
    hi = lo;
    while (hi < to && requested.get(hi).startsWith(b.right().path())) {
      hi++;
    }
    visitChild(b.right(), lo, hi);
  }

  /** {@code ref} with the requested paths {@code [from, to)}, which all start with its path. */
  private void visitChild(NodeRef ref, int from, int to) {
    if (from == to) {
      nodes.add(new MapProofNode(ref.path(), ref.hash()));
    } else if (ref.isLeaf()) {
      present.add(ref.path());
    } else {
      openBranch(ref, from, to);
    }
  }
}
