package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The list hashing scheme written out the slow, obvious way, sharing no code with the production
 * hashing: the yardstick the stored trees are checked against.
 */
public final class ReferenceListHasher {
  private ReferenceListHasher() {}

  /** H(0x02 || length LE || root), the root built level by level from the value hashes. */
  public static Hash listHash(List<byte[]> elements) {
    byte[] root = new byte[32];
    if (!elements.isEmpty()) {
      List<byte[]> level = new ArrayList<>();
      for (byte[] element : elements) {
        level.add(sha256(new byte[] {0x00}, element));
      }
      while (level.size() > 1) {
        List<byte[]> above = new ArrayList<>();
        for (int i = 0; i < level.size(); i += 2) {
          above.add(
              i + 1 < level.size()
                  ? sha256(new byte[] {0x01}, level.get(i), level.get(i + 1))
                  : sha256(new byte[] {0x01}, level.get(i)));
        }
        level = above;
      }
      root = level.getFirst();
    }
    long length = elements.size();
    byte[] lengthLe = new byte[8];
    for (int i = 0; i < 8; i++) {
      lengthLe[i] = (byte) (length >>> (8 * i));
    }
    return Hash.of(sha256(new byte[] {0x02}, lengthLe, root));
  }

  private static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
