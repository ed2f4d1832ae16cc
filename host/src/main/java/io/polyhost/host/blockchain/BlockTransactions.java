package io.polyhost.host.blockchain;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.ListProof;
import io.polyhost.storage.RawIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The transaction hashes of every block, packed a thousand to an entry, with the {@code tx_hash} of
 * each block's list stored beside them.
 *
 * <p>Exonum keeps a proof list per block: an entry per hash and about one per tree node, two
 * thousand keys for a block of a thousand transactions, each a change-set entry and a memtable
 * insert. A block's list is written once, when the block is built, and read whole or for a proof,
 * so it is stored here as entries of up to {@link #CHUNK} hashes under the key {@code height ‖
 * chunk} (8 and 4 bytes, big-endian); chunk 0 starts with the number of hashes (8 bytes) and the
 * list's object hash (32 bytes). The Merkle tree is rebuilt in memory when a proof is asked for
 * ({@link ListMerkleTree}), and its root, proofs and {@code tx_hash} are exactly those of a proof
 * list holding the same hashes: only the stored layout differs.
 */
final class BlockTransactions {
  /** Hashes per stored entry: a block of the usual size is one entry. */
  static final int CHUNK = 1024;

  private static final int KEY_SIZE = Long.BYTES + Integer.BYTES;
  private static final int HEADER_SIZE = Long.BYTES + Hash.SIZE;

  private final RawIndex raw;

  BlockTransactions(RawIndex raw) {
    this.raw = raw;
  }

  /** The number of transactions of the block at {@code height}. */
  long size(long height) {
    byte @Nullable [] first = first(height);
    return first == null ? 0 : readLong(first, 0);
  }

  /** The object hash of the block's list, its {@code tx_hash}: one read, no hashing. */
  Hash listHash(long height) {
    byte @Nullable [] first = first(height);
    if (first == null) {
      return ListMerkleTree.of(List.of()).listHash();
    }
    return Hash.of(Arrays.copyOfRange(first, Long.BYTES, HEADER_SIZE));
  }

  /** The hashes of the block at {@code height}, in order. */
  List<Hash> hashes(long height) {
    byte @Nullable [] first = first(height);
    if (first == null) {
      return new ArrayList<>();
    }
    long size = readLong(first, 0);
    List<Hash> out = new ArrayList<>((int) Math.min(size, 1 << 20));
    readHashes(height, first, HEADER_SIZE, out);
    for (int chunk = 1; out.size() < size; chunk++) {
      byte @Nullable [] entry = raw.get(key(height, chunk));
      if (entry == null) {
        throw corrupt(
            height,
            "entry " + chunk + " is missing after " + out.size() + " of " + size + " hashes");
      }
      readHashes(height, entry, 0, out);
    }
    return out;
  }

  /**
   * Appends {@code more} to the block at {@code height} and stores the new list hash; rewrites the
   * block's entries, so the usual caller appends a whole block at once.
   */
  void append(long height, List<Hash> more) {
    if (more.isEmpty()) {
      return;
    }
    List<Hash> all = hashes(height);
    all.addAll(more);
    Hash listHash = ListMerkleTree.of(all).listHash();
    int chunks = (all.size() + CHUNK - 1) / CHUNK;
    for (int chunk = 0; chunk < chunks; chunk++) {
      int from = chunk * CHUNK;
      int to = Math.min(all.size(), from + CHUNK);
      int header = chunk == 0 ? HEADER_SIZE : 0;
      byte[] value = new byte[header + (to - from) * Hash.SIZE];
      if (chunk == 0) {
        writeLong(value, 0, all.size());
        System.arraycopy(listHash.toBytes(), 0, value, Long.BYTES, Hash.SIZE);
      }
      for (int i = from; i < to; i++) {
        System.arraycopy(
            all.get(i).toBytes(), 0, value, header + (i - from) * Hash.SIZE, Hash.SIZE);
      }
      raw.put(key(height, chunk), value);
    }
  }

  /** The proof of the hash at {@code position} in the block's list, as a proof list gives it. */
  ListProof proof(long height, long position) {
    return ListMerkleTree.of(hashes(height)).proof(position);
  }

  /** The first entry of the block, with the count and list hash; null for an empty block. */
  private byte @Nullable [] first(long height) {
    byte @Nullable [] first = raw.get(key(height, 0));
    if (first != null && first.length < HEADER_SIZE) {
      throw corrupt(height, "its first entry has " + first.length + " bytes");
    }
    return first;
  }

  private static IllegalStateException corrupt(long height, String what) {
    return new IllegalStateException(
        "core: the stored transactions of block " + height + " are corrupt: " + what);
  }

  private void readHashes(long height, byte[] entry, int from, List<Hash> out) {
    if ((entry.length - from) % Hash.SIZE != 0) {
      throw corrupt(height, "an entry of " + entry.length + " bytes does not hold whole hashes");
    }
    for (int at = from; at < entry.length; at += Hash.SIZE) {
      out.add(Hash.of(Arrays.copyOfRange(entry, at, at + Hash.SIZE)));
    }
  }

  private static byte[] key(long height, int chunk) {
    byte[] key = new byte[KEY_SIZE];
    writeLong(key, 0, height);
    for (int i = 0; i < Integer.BYTES; i++) {
      key[Long.BYTES + i] = (byte) (chunk >>> (24 - 8 * i));
    }
    return key;
  }

  private static void writeLong(byte[] out, int at, long value) {
    for (int i = 0; i < Long.BYTES; i++) {
      out[at + i] = (byte) (value >>> (56 - 8 * i));
    }
  }

  private static long readLong(byte[] in, int at) {
    long value = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      value = (value << 8) | (in[at + i] & 0xffL);
    }
    return value;
  }
}
