package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.ProofPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a proof map logs when it rewrites its pages (see {@link
 * io.polyhost.storage.RawIndex#logDerivation}), and the root record stored beside the pages.
 *
 * <p>A log record is the batch of leaf changes applied: for each, the 32-byte path, then {@code
 * 0x01 || value hash} for a new value or {@code 0x00} for a removal. The trie's shape and hashes
 * depend only on its final set of leaves, so replaying the records of several merges in order, the
 * last change of each path winning, from the root of the pages on disk, rebuilds the current trie.
 */
final class TrieLog {
  private TrieLog() {}

  private static final byte REMOVED = 0;
  private static final byte SET = 1;

  static byte[] encode(PendingChanges changes) {
    int size = 0;
    for (Hash h : changes.valueHashes) {
      size += ProofPath.KEY_SIZE + 1 + (h == null ? 0 : Hash.SIZE);
    }
    byte[] out = new byte[size];
    int pos = 0;
    for (int i = 0; i < changes.paths.size(); i++) {
      System.arraycopy(changes.paths.get(i).toKeyBytes(), 0, out, pos, ProofPath.KEY_SIZE);
      pos += ProofPath.KEY_SIZE;
      Hash h = changes.valueHashes.get(i);
      if (h == null) {
        out[pos++] = REMOVED;
      } else {
        out[pos++] = SET;
        h.copyTo(out, pos);
        pos += Hash.SIZE;
      }
    }
    return out;
  }

  /**
   * The net change of {@code records}, applied in order.
   *
   * @throws IllegalArgumentException if a record is malformed
   */
  static PendingChanges replay(List<byte[]> records) {
    Map<ProofPath, @Nullable Hash> latest = new TreeMap<>();
    for (byte[] r : records) {
      int pos = 0;
      while (pos < r.length) {
        if (r.length - pos < ProofPath.KEY_SIZE + 1) {
          throw new IllegalArgumentException("truncated log record");
        }
        ProofPath path = ProofPath.ofKey(Arrays.copyOfRange(r, pos, pos + ProofPath.KEY_SIZE));
        pos += ProofPath.KEY_SIZE;
        byte tag = r[pos++];
        if (tag == REMOVED) {
          latest.put(path, null);
        } else if (tag == SET && r.length - pos >= Hash.SIZE) {
          latest.put(path, Hash.of(Arrays.copyOfRange(r, pos, pos + Hash.SIZE)));
          pos += Hash.SIZE;
        } else {
          throw new IllegalArgumentException("malformed log record");
        }
      }
    }
    return PendingChanges.of(new ArrayList<>(latest.keySet()), new ArrayList<>(latest.values()));
  }

  /** The root record, {@code enc(path) || hash}; an empty trie has none. */
  static byte[] encodeRoot(NodeRef root) {
    byte[] out = new byte[root.path().encodedLength() + Hash.SIZE];
    root.hash().copyTo(out, root.path().writeTo(out, 0));
    return out;
  }

  /**
   * The root a root record names; {@code null} (an empty trie) also if there is no record.
   *
   * @throws IllegalArgumentException if the record is malformed
   */
  static @Nullable NodeRef decodeRoot(byte @Nullable [] record) {
    if (record == null) {
      return null;
    }
    if (record.length < Hash.SIZE + 2) {
      throw new IllegalArgumentException("root record of " + record.length + " bytes");
    }
    ProofPath path = ProofPath.decode(Arrays.copyOfRange(record, 0, record.length - Hash.SIZE));
    return new NodeRef(
        path, Hash.of(Arrays.copyOfRange(record, record.length - Hash.SIZE, record.length)));
  }
}
