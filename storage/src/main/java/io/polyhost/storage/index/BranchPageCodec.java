package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.ProofPath;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * The bytes of a page: its branches in path order, each {@code enc(path) || enc(leftPath) ||
 * leftHash || enc(rightPath) || rightHash}.
 */
final class BranchPageCodec {
  private BranchPageCodec() {}

  static byte[] encode(Collection<Branch> branches) {
    int size = 0;
    for (Branch b : branches) {
      size += encodedSize(b);
    }
    byte[] out = new byte[size];
    int pos = 0;
    for (Branch b : branches) {
      pos = b.path().writeTo(out, pos);
      pos = writeRef(b.left(), out, pos);
      pos = writeRef(b.right(), out, pos);
    }
    return out;
  }

  /**
   * Decodes a page into {@code into}.
   *
   * @throws IllegalArgumentException if the bytes are not a valid page
   */
  static void decode(byte[] page, Map<ProofPath, Branch> into) {
    int pos = 0;
    while (pos < page.length) {
      ProofPath path = ProofPath.decode(page, pos);
      pos += path.encodedLength();
      ProofPath leftPath = ProofPath.decode(page, pos);
      pos += leftPath.encodedLength();
      Hash leftHash = readHash(page, pos);
      pos += Hash.SIZE;
      ProofPath rightPath = ProofPath.decode(page, pos);
      pos += rightPath.encodedLength();
      Hash rightHash = readHash(page, pos);
      pos += Hash.SIZE;
      into.put(
          path,
          new Branch(path, new NodeRef(leftPath, leftHash), new NodeRef(rightPath, rightHash)));
    }
  }

  private static int encodedSize(Branch b) {
    return b.path().encodedLength()
        + b.left().path().encodedLength()
        + b.right().path().encodedLength()
        + 2 * Hash.SIZE;
  }

  private static int writeRef(NodeRef ref, byte[] out, int pos) {
    int at = ref.path().writeTo(out, pos);
    ref.hash().copyTo(out, at);
    return at + Hash.SIZE;
  }

  private static Hash readHash(byte[] page, int pos) {
    if (page.length - pos < Hash.SIZE) {
      throw new IllegalArgumentException("truncated hash at byte " + pos);
    }
    return Hash.of(Arrays.copyOfRange(page, pos, pos + Hash.SIZE));
  }
}
