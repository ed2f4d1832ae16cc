package io.polyhost.api.proof;

import io.polyhost.api.crypto.Hash;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Checks a {@link MapProof}: canonical form first, then absence claims, then the root hash.
 *
 * <p>The present entries (as leaves) and the proof nodes, merged in path order, must be a cut of
 * the trie: prefix-free and, folded bottom-up, giving the trusted root. A missing key is proven
 * absent only if no part of the cut contains its path; otherwise the proof merely hides it.
 */
final class MapProofVerifier {
  private MapProofVerifier() {}

  private static final int MAX_KEY_HEX_BYTES = 40;

  static VerifiedMapProof verify(MapProof proof, Hash expectedMapHash) {
    List<MapProofEntry> entries = proof.entries();
    ProofPath[] keyPaths = entryPaths(proof.keyMode(), entries);
    checkNodes(proof.nodes());

    int present = 0;
    for (MapProofEntry e : entries) {
      present += e.isPresent() ? 1 : 0;
    }
    int n = present + proof.nodes().size();
    ProofPath[] paths = new ProofPath[n];
    Hash[] hashes = new Hash[n];
    // Where each merged item came from: an entry index, or -1 - node index.
    int[] origin = new int[n];
    merge(proof, keyPaths, paths, hashes, origin);
    checkMissing(proof, keyPaths, paths, origin);

    Hash mapHash = Hashing.map(root(paths, hashes, origin, proof));
    if (!mapHash.equals(expectedMapHash)) {
      throw new ProofVerificationException(
          "The proof gives map hash "
              + mapHash
              + ", but the expected map hash is "
              + expectedMapHash);
    }
    return new VerifiedMapProof(mapHash, entries);
  }

  /** The key paths, checking key lengths, canonical order and duplicates. */
  private static ProofPath[] entryPaths(MapKeyMode mode, List<MapProofEntry> entries) {
    ProofPath[] paths = new ProofPath[entries.size()];
    for (int i = 0; i < paths.length; i++) {
      byte[] key = entries.get(i).keyBytes();
      try {
        paths[i] = mode.pathOf(key);
      } catch (IllegalArgumentException e) {
        throw new ProofVerificationException("Entry " + describe(i, key) + ": " + e.getMessage());
      }
      if (i > 0) {
        int c = paths[i - 1].compareTo(paths[i]);
        if (c == 0) {
          throw new ProofVerificationException(
              "Entries " + (i - 1) + " and " + describe(i, key) + " repeat the same key");
        }
        if (c > 0) {
          throw new ProofVerificationException(
              "Entry "
                  + describe(i, key)
                  + " comes before entry "
                  + (i - 1)
                  + " in key path order; entries must be sorted by path");
        }
      }
    }
    return paths;
  }

  /** Checks node path lengths, strict path order and that no node contains the next one. */
  private static void checkNodes(List<MapProofNode> nodes) {
    for (int i = 0; i < nodes.size(); i++) {
      ProofPath path = nodes.get(i).path();
      if (path.length() == 0) {
        throw new ProofVerificationException(
            "Proof node " + i + " has an empty path; a proof node is a child, never the root");
      }
      if (i > 0) {
        ProofPath prev = nodes.get(i - 1).path();
        if (prev.equals(path)) {
          throw new ProofVerificationException(
              "Proof nodes " + (i - 1) + " and " + i + " have the same path " + path);
        }
        if (path.startsWith(prev)) {
          throw new ProofVerificationException(
              "Proof node "
                  + (i - 1)
                  + " at "
                  + prev
                  + " contains proof node "
                  + i
                  + " at "
                  + path
                  + "; nodes must be disjoint subtrees");
        }
        if (prev.compareTo(path) > 0) {
          throw new ProofVerificationException(
              "Proof node "
                  + i
                  + " at "
                  + path
                  + " comes before proof node "
                  + (i - 1)
                  + " at "
                  + prev
                  + "; nodes must be sorted by path");
        }
      }
    }
  }

  /** Merges present entries (as leaves) and nodes by path; checks no node contains an entry. */
  private static void merge(
      MapProof proof, ProofPath[] keyPaths, ProofPath[] paths, Hash[] hashes, int[] origin) {
    List<MapProofEntry> entries = proof.entries();
    List<MapProofNode> nodes = proof.nodes();
    int e = nextPresent(entries, 0);
    int nd = 0;
    for (int k = 0; k < paths.length; k++) {
      boolean takeEntry =
          nd == nodes.size()
              || (e < entries.size() && keyPaths[e].compareTo(nodes.get(nd).path()) < 0);
      if (takeEntry) {
        paths[k] = keyPaths[e];
        hashes[k] = Hashing.value(Objects.requireNonNull(entries.get(e).valueBytes()));
        origin[k] = e;
        e = nextPresent(entries, e + 1);
      } else {
        paths[k] = nodes.get(nd).path();
        hashes[k] = nodes.get(nd).hash();
        origin[k] = -1 - nd;
        nd++;
      }
      if (k > 0 && paths[k].startsWith(paths[k - 1])) {
        throw new ProofVerificationException(
            describe(origin[k - 1], paths[k - 1], proof)
                + (paths[k].equals(paths[k - 1]) ? " is at the same path as " : " contains ")
                + describe(origin[k], paths[k], proof));
      }
    }
  }

  private static int nextPresent(List<MapProofEntry> entries, int from) {
    int i = from;
    while (i < entries.size() && !entries.get(i).isPresent()) {
      i++;
    }
    return i;
  }

  /** Checks that every missing key lies outside every proven subtree. */
  private static void checkMissing(
      MapProof proof, ProofPath[] keyPaths, ProofPath[] paths, int[] origin) {
    List<MapProofEntry> entries = proof.entries();
    for (int i = 0; i < keyPaths.length; i++) {
      if (entries.get(i).isPresent()) {
        continue;
      }
      // The only item that can contain the key is the greatest one not above it.
      int at = Arrays.binarySearch(paths, keyPaths[i]);
      int candidate = at >= 0 ? at : -at - 2;
      if (candidate >= 0 && keyPaths[i].startsWith(paths[candidate])) {
        throw new ProofVerificationException(
            "Entry "
                + describe(i, entries.get(i).keyBytes())
                + " is marked missing, but its path lies inside "
                + describe(origin[candidate], paths[candidate], proof)
                + ", so the proof does not show that the key is absent");
      }
    }
  }

  /** The trie root of a prefix-free sorted cut: the stack fold over the right contour. */
  private static Hash root(ProofPath[] paths, Hash[] hashes, int[] origin, MapProof proof) {
    int n = paths.length;
    if (n == 0) {
      return Hash.zero();
    }
    if (n == 1) {
      if (!paths[0].isLeaf()) {
        throw new ProofVerificationException(
            "The proof holds only "
                + describe(origin[0], paths[0], proof)
                + ", a branch; a proof of a map with several entries needs at least two nodes");
      }
      return Hashing.mapSingleEntry(paths[0], hashes[0]);
    }
    ProofPath[] stackPaths = new ProofPath[n];
    Hash[] stackHashes = new Hash[n];
    stackPaths[0] = paths[0];
    stackHashes[0] = hashes[0];
    int top = 1;
    for (int i = 1; i < n; i++) {
      int split = stackPaths[top - 1].commonPrefixLength(paths[i]);
      while (top >= 2 && stackPaths[top - 2].commonPrefixLength(stackPaths[top - 1]) > split) {
        top = mergeTop(stackPaths, stackHashes, top);
      }
      stackPaths[top] = paths[i];
      stackHashes[top] = hashes[i];
      top++;
    }
    while (top >= 2) {
      top = mergeTop(stackPaths, stackHashes, top);
    }
    return stackHashes[0];
  }

  private static int mergeTop(ProofPath[] paths, Hash[] hashes, int top) {
    int l = top - 2;
    int r = top - 1;
    hashes[l] = Hashing.mapBranch(paths[l], hashes[l], paths[r], hashes[r]);
    paths[l] = paths[l].prefix(paths[l].commonPrefixLength(paths[r]));
    return top - 1;
  }

  private static String describe(int origin, ProofPath path, MapProof proof) {
    if (origin >= 0) {
      return "entry " + describe(origin, proof.entries().get(origin).keyBytes());
    }
    return "proof node " + (-1 - origin) + " at " + path;
  }

  private static String describe(int index, byte[] key) {
    HexFormat hex = HexFormat.of();
    String shown =
        key.length <= MAX_KEY_HEX_BYTES
            ? hex.formatHex(key)
            : hex.formatHex(key, 0, MAX_KEY_HEX_BYTES) + "... (" + key.length + " bytes)";
    return index + " (key " + shown + ")";
  }
}
