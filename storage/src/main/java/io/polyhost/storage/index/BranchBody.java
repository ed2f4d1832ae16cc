package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.proof.ProofPath;
import java.security.MessageDigest;

/**
 * The stored form of one branch in a {@link BranchPage}: {@code enc(leftPath) || leftHash ||
 * enc(rightPath) || rightHash}.
 *
 * <p>A branch written by a batch is encoded once, when it is made, and hashed from those bytes (the
 * same hash as {@link Hashing#mapBranch}); the page then copies the bytes as they are. That spares
 * building the branch's objects only to take them apart again when the page is written.
 */
final class BranchBody {
  private BranchBody() {}

  /** The longest body: two 256-bit paths and two hashes. */
  static final int MAX_SIZE = 2 * (2 + ProofPath.KEY_SIZE + Hash.SIZE);

  private static final ThreadLocal<Hasher> HASHER = ThreadLocal.withInitial(Hasher::new);

  /** The body of the branch with children {@code left} and {@code right}. */
  static byte[] encode(NodeRef left, NodeRef right) {
    byte[] body =
        new byte[left.path().encodedLength() + right.path().encodedLength() + 2 * Hash.SIZE];
    int at = left.path().writeTo(body, 0);
    left.hash().copyTo(body, at);
    at = right.path().writeTo(body, at + Hash.SIZE);
    right.hash().copyTo(body, at);
    return body;
  }

  /** The hash of the branch whose body is {@code body} (as made by {@link #encode}). */
  static Hash hash(byte[] body) {
    return HASHER.get().hash(body);
  }

  /**
   * The branch at {@code path} whose body starts at {@code at} in {@code source}.
   *
   * @throws IllegalArgumentException if the body is malformed or truncated
   */
  static Branch decode(ProofPath path, byte[] source, int at) {
    ProofPath leftPath = ProofPath.decode(source, at);
    at += leftPath.encodedLength();
    Hash leftHash = readHash(source, at);
    at += Hash.SIZE;
    ProofPath rightPath = ProofPath.decode(source, at);
    at += rightPath.encodedLength();
    return new Branch(
        path, new NodeRef(leftPath, leftHash), new NodeRef(rightPath, readHash(source, at)));
  }

  private static Hash readHash(byte[] source, int at) {
    if (at + Hash.SIZE > source.length) {
      throw new IllegalArgumentException("page body is truncated at byte " + at);
    }
    return Hash.of(source, at);
  }

  /** The length of the encoded path that starts at {@code at}. */
  private static int pathSize(byte[] body, int at) {
    int bits = (body[at] & 0xff) << 8 | (body[at + 1] & 0xff);
    return 2 + ((bits + 7) >>> 3);
  }

  /** A digest and an input buffer, one per thread. */
  private static final class Hasher {
    private final MessageDigest digest = Hash.newDigest();
    private final byte[] input = new byte[1 + MAX_SIZE];

    Hash hash(byte[] body) {
      // Hashing.mapBranch's input: tag || leftHash || rightHash || enc(leftPath) || enc(rightPath).
      int left = pathSize(body, 0);
      int right = pathSize(body, left + Hash.SIZE);
      byte[] in = input;
      in[0] = Hashing.TAG_MAP_BRANCH;
      System.arraycopy(body, left, in, 1, Hash.SIZE);
      System.arraycopy(body, left + Hash.SIZE + right, in, 1 + Hash.SIZE, Hash.SIZE);
      System.arraycopy(body, 0, in, 1 + 2 * Hash.SIZE, left);
      System.arraycopy(body, left + Hash.SIZE, in, 1 + 2 * Hash.SIZE + left, right);
      MessageDigest d = digest;
      // A hash abandoned by an exception must not leak into this one.
      d.reset();
      d.update(in, 0, 1 + body.length);
      return Hash.finish(d);
    }
  }
}
