package io.polyhost.api.proof;

import io.polyhost.api.crypto.Hash;
import java.security.MessageDigest;
import java.util.Objects;

/** The tagged hash functions shared by Merkle indexes and proofs; see the package description. */
public final class Hashing {
  private Hashing() {}

  /** Tag of a stored value. */
  public static final byte TAG_VALUE = 0x00;

  /** Tag of a list tree node. */
  public static final byte TAG_LIST_BRANCH = 0x01;

  /** Tag of a whole list. */
  public static final byte TAG_LIST = 0x02;

  /** Tag of a whole map. */
  public static final byte TAG_MAP = 0x03;

  /** Tag of a map trie branch. */
  public static final byte TAG_MAP_BRANCH = 0x04;

  /** The hash of a stored value (a list element, a map value, an entry). */
  public static Hash value(byte[] value) {
    MessageDigest d = Digests.digest();
    d.update(TAG_VALUE);
    d.update(value);
    return Hash.finish(d);
  }

  /** The hash of the stored value {@code bytes[offset .. offset + length)}. */
  public static Hash value(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    MessageDigest d = Digests.digest();
    d.update(TAG_VALUE);
    d.update(bytes, offset, length);
    return Hash.finish(d);
  }

  /** A list tree node with two children. */
  public static Hash listBranch(Hash left, Hash right) {
    MessageDigest d = Digests.digest();
    d.update(TAG_LIST_BRANCH);
    left.updateDigest(d);
    right.updateDigest(d);
    return Hash.finish(d);
  }

  /** A list tree node with only a left child. */
  public static Hash listBranch(Hash left) {
    MessageDigest d = Digests.digest();
    d.update(TAG_LIST_BRANCH);
    left.updateDigest(d);
    return Hash.finish(d);
  }

  /** A whole list of {@code length} elements whose tree has root {@code root}. */
  public static Hash list(long length, Hash root) {
    MessageDigest d = Digests.digest();
    d.update(TAG_LIST);
    for (int i = 0; i < 8; i++) {
      d.update((byte) (length >>> (8 * i)));
    }
    root.updateDigest(d);
    return Hash.finish(d);
  }

  /**
   * A map trie branch: {@code H(0x04 || leftHash || rightHash || enc(leftPath) || enc(rightPath))},
   * where {@code enc} is the canonical path encoding of {@link ProofPath}.
   *
   * <p>Each child is given by its path and hash: a leaf by its 256-bit path and value hash, a
   * branch by its own path and hash. See {@link MapProof} for the whole scheme.
   */
  public static Hash mapBranch(ProofPath leftPath, Hash left, ProofPath rightPath, Hash right) {
    byte[] input =
        new byte[1 + 2 * Hash.SIZE + leftPath.encodedLength() + rightPath.encodedLength()];
    input[0] = TAG_MAP_BRANCH;
    left.copyTo(input, 1);
    right.copyTo(input, 1 + Hash.SIZE);
    rightPath.writeTo(input, leftPath.writeTo(input, 1 + 2 * Hash.SIZE));
    return Digests.sha256(input);
  }

  /**
   * The trie root of a map with a single entry: {@code H(0x04 || enc(path) || valueHash)}.
   *
   * <p>It shares the branch tag but never a branch's input length (67 bytes against at least 71),
   * and it is only ever a root, never a child.
   *
   * @throws IllegalArgumentException if {@code path} is not a 256-bit leaf path
   */
  public static Hash mapSingleEntry(ProofPath path, Hash valueHash) {
    if (!path.isLeaf()) {
      throw new IllegalArgumentException(
          "A single map entry sits at a 256-bit path, got " + path.length() + " bits");
    }
    byte[] input = new byte[1 + path.encodedLength() + Hash.SIZE];
    input[0] = TAG_MAP_BRANCH;
    valueHash.copyTo(input, path.writeTo(input, 1));
    return Digests.sha256(input);
  }

  /** A whole map whose trie has root {@code root} (the zero hash for an empty map). */
  public static Hash map(Hash root) {
    MessageDigest d = Digests.digest();
    d.update(TAG_MAP);
    root.updateDigest(d);
    return Hash.finish(d);
  }
}
