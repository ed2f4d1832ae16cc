package io.polyhost.storage.index;

import io.polyhost.api.proof.ProofPath;

/**
 * The raw key layout of a proof map. One leading byte separates three regions:
 *
 * <ul>
 *   <li>{@code 0x00 || enc(prefix)}: a page of branches (see {@link BranchPages});
 *   <li>{@code 0x00} alone: the root the pages describe, absent when they describe an empty trie
 *       (see {@link TrieLog#encodeRoot}); like the pages, a derived entry ({@link
 *       io.polyhost.storage.RawIndex#putDerived});
 *   <li>{@code 0x01 || path}: the leaf of the key at that 32-byte path, holding key and value;
 *   <li>{@code 0x02 || path}: a change not yet applied to the branches: the new value hash, or
 *       nothing for a removal (see {@link PendingChanges}).
 * </ul>
 *
 * <p>Pending changes come last so that finding them is a seek to the end of the index.
 */
final class TrieKeys {
  private TrieKeys() {}

  static final byte PAGE = 0x00;
  static final byte LEAF = 0x01;
  static final byte PENDING = 0x02;

  /**
   * The key of the root that the stored pages describe. Page keys are longer (an encoded path has
   * at least two bytes), so it names no page.
   */
  static final byte[] ROOT = {PAGE};

  /** The length of a leaf or pending key. */
  static final int PATH_KEY_SIZE = 1 + ProofPath.KEY_SIZE;

  static byte[] leaf(ProofPath path) {
    return pathKey(LEAF, path);
  }

  static byte[] pending(ProofPath path) {
    return pathKey(PENDING, path);
  }

  static byte[] page(ProofPath prefix) {
    byte[] key = new byte[1 + prefix.encodedLength()];
    key[0] = PAGE;
    prefix.writeTo(key, 1);
    return key;
  }

  /** The path of a leaf or pending key. */
  static ProofPath pathOf(byte[] key) {
    byte[] path = new byte[ProofPath.KEY_SIZE];
    System.arraycopy(key, 1, path, 0, ProofPath.KEY_SIZE);
    return ProofPath.ofKey(path);
  }

  /** Whether {@code key} is in the region starting with {@code region}. */
  static boolean isIn(byte region, byte[] key) {
    return key.length == PATH_KEY_SIZE && key[0] == region;
  }

  private static byte[] pathKey(byte region, ProofPath path) {
    byte[] key = new byte[PATH_KEY_SIZE];
    key[0] = region;
    System.arraycopy(path.toKeyBytes(), 0, key, 1, ProofPath.KEY_SIZE);
    return key;
  }
}
