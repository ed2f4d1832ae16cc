package io.polyhost.api.proof;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proto.MapProofProto;
import java.util.List;

/**
 * A proof that some keys of a Merkelized map have given values, and that others are absent.
 *
 * <p><b>The trie.</b> Each key has a 256-bit leaf path ({@link MapKeyMode}: the SHA-256 of the key,
 * or the 32-byte key itself). The map is a binary Patricia trie over these paths: every branch has
 * exactly two children and sits at the longest common prefix of the paths below it; the left child
 * holds the paths whose next bit is 0, the right child those whose next bit is 1. A child is
 * referenced by a path and a hash: a leaf by its 256-bit path and {@code H(0x00 || value)}, a
 * branch by its own path and hash. With {@code enc} the canonical path encoding of {@link
 * ProofPath} and {@code H} SHA-256:
 *
 * <ul>
 *   <li>a branch: {@code H(0x04 || leftHash || rightHash || enc(leftPath) || enc(rightPath))};
 *   <li>the root of an empty map: 32 zero bytes;
 *   <li>the root of a map with one entry at path {@code p}: {@code H(0x04 || enc(p) || H(0x00 ||
 *       value))};
 *   <li>the root of a map with several entries: the hash of its topmost branch;
 *   <li>the map hash (the index's object hash): {@code H(0x03 || root)}.
 * </ul>
 *
 * <p>Because a branch hash covers the paths of both children, it fixes where every subtree sits.
 *
 * <p><b>The proof.</b> {@link #entries()} lists every requested key once, sorted by path, with its
 * value or marked missing. {@link #nodes()} lists, sorted by path, the roots of the subtrees that
 * hold no requested key. Together, the present entries (as leaves) and the nodes form a cut of the
 * trie: {@link #verify} folds them into the root and compares the map hash with a trusted one. A
 * key is proven missing only when no part of the cut contains its path. Any other shape is
 * rejected: a proof has exactly one valid form.
 *
 * @param keyMode how keys map to paths; not part of the encoding, the verifier knows its map
 * @param entries the requested keys, sorted by path
 * @param nodes the unopened subtrees, sorted by path
 */
public record MapProof(MapKeyMode keyMode, List<MapProofEntry> entries, List<MapProofNode> nodes) {
  /** Copies the lists. */
  public MapProof {
    entries = List.copyOf(entries);
    nodes = List.copyOf(nodes);
  }

  /**
   * Checks the proof against a trusted map hash.
   *
   * @return what the proof proves: the value or absence of each requested key
   * @throws ProofVerificationException naming the failed check: keys out of order or repeated, a
   *     raw key that is not 32 bytes, nodes with an empty path, out of order or nested, a missing
   *     key inside a node, a lone branch node, or a computed map hash other than {@code
   *     expectedMapHash}
   */
  public VerifiedMapProof verify(Hash expectedMapHash) {
    return MapProofVerifier.verify(this, expectedMapHash);
  }

  /** The canonical protobuf form (without the key mode). */
  public MapProofProto toProto() {
    return MapProofCodec.toProto(this);
  }

  /**
   * Reads the protobuf form for a map with the given key mode. The result still needs {@link
   * #verify}.
   *
   * @throws IllegalArgumentException if the message is malformed: an entry with neither value nor
   *     missing mark, a path that is not canonically encoded, a missing or wrong-sized hash
   */
  public static MapProof fromProto(MapProofProto proto, MapKeyMode keyMode) {
    return MapProofCodec.fromProto(proto, keyMode);
  }
}
