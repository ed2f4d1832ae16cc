package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A deliberately plain computation of a proof map's hash from its entries, sharing no code with the
 * index: it rebuilds the trie recursively from the sorted paths, byte arithmetic only.
 */
final class ReferenceTrie {
  private ReferenceTrie() {}

  /**
   * The map hash of {@code leaves}: 32-byte path (as an unsigned-order key) to value bytes.
   *
   * @param leaves sorted by unsigned byte order of the paths
   */
  static Hash mapHash(SortedMap<String, byte[]> leaves) {
    List<byte[]> paths = leaves.keySet().stream().map(ReferenceTrie::unhex).toList();
    List<byte[]> valueHashes = leaves.values().stream().map(v -> sha(new byte[] {0}, v)).toList();
    byte[] root;
    if (paths.isEmpty()) {
      root = new byte[32];
    } else if (paths.size() == 1) {
      root = sha(new byte[] {4}, enc(paths.get(0), 256), valueHashes.get(0));
    } else {
      root = node(paths, valueHashes, 0, paths.size())[1];
    }
    return Hash.of(sha(new byte[] {3}, root));
  }

  /** {encoded path, hash} of the subtree over paths {@code [lo, hi)}. */
  private static byte[][] node(List<byte[]> paths, List<byte[]> hashes, int lo, int hi) {
    if (hi - lo == 1) {
      return new byte[][] {enc(paths.get(lo), 256), hashes.get(lo)};
    }
    int common = 0;
    while (bit(paths.get(lo), common) == bit(paths.get(hi - 1), common)) {
      common++;
    }
    int mid = lo;
    while (bit(paths.get(mid), common) == 0) {
      mid++;
    }
    byte[][] left = node(paths, hashes, lo, mid);
    byte[][] right = node(paths, hashes, mid, hi);
    byte[] hash = sha(new byte[] {4}, left[1], right[1], left[0], right[0]);
    return new byte[][] {enc(paths.get(lo), common), hash};
  }

  private static int bit(byte[] path, int i) {
    return (path[i / 8] >> (7 - i % 8)) & 1;
  }

  private static byte[] enc(byte[] path, int bits) {
    byte[] out = new byte[2 + (bits + 7) / 8];
    out[0] = (byte) (bits >> 8);
    out[1] = (byte) bits;
    for (int i = 0; i < bits; i++) {
      out[2 + i / 8] |= (byte) (bit(path, i) << (7 - i % 8));
    }
    return out;
  }

  private static byte[] sha(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return Hash.sha256(out.toByteArray()).toBytes();
  }

  /** The model key for a 32-byte path: hex keeps unsigned byte order in a sorted map. */
  static String hex(byte[] path) {
    return java.util.HexFormat.of().formatHex(path);
  }

  private static byte[] unhex(String hex) {
    return java.util.HexFormat.of().parseHex(hex);
  }

  /** For assertions: the entries of a model as hex strings. */
  static String describe(Map<String, byte[]> leaves) {
    StringBuilder sb = new StringBuilder();
    leaves.forEach((k, v) -> sb.append(k, 0, 8).append('=').append(Arrays.toString(v)).append(' '));
    return sb.toString();
  }
}
