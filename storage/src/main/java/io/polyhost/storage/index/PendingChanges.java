package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.ProofPath;
import io.polyhost.api.storage.StorageException;
import io.polyhost.storage.RawEntry;
import io.polyhost.storage.RawIndex;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Leaf changes recorded by writes but not yet applied to the branches.
 *
 * <p>A write stores the leaf and a pending mark (the new value hash, or empty for a removal) in the
 * same raw index, so a fork rollback drops both together. Hashing then happens once per batch, when
 * the hash or a proof is needed, instead of once per write and trie level.
 */
final class PendingChanges {
  private static final byte[] REMOVED = new byte[0];
  private static final byte[] REGION_START = {TrieKeys.PENDING};

  /** Changed paths, ascending. */
  final List<ProofPath> paths;

  /** The new value hash per path, {@code null} for a removal. */
  final List<@Nullable Hash> valueHashes;

  private PendingChanges(List<ProofPath> paths, List<@Nullable Hash> valueHashes) {
    this.paths = paths;
    this.valueHashes = valueHashes;
  }

  static void recordPut(RawIndex raw, ProofPath path, Hash valueHash) {
    raw.put(TrieKeys.pending(path), valueHash.toBytes());
    TrieState.markPending(raw);
  }

  static void recordRemoval(RawIndex raw, ProofPath path) {
    raw.put(TrieKeys.pending(path), REMOVED);
    TrieState.markPending(raw);
  }

  /** The changes at {@code paths} (ascending, no repeats), {@code null} hashes for removals. */
  static PendingChanges of(List<ProofPath> paths, List<@Nullable Hash> valueHashes) {
    return new PendingChanges(paths, valueHashes);
  }

  /** No pending changes: what a map whose state has no pending bit holds. */
  static PendingChanges none() {
    return new PendingChanges(List.of(), List.of());
  }

  static PendingChanges read(RawIndex raw) {
    List<ProofPath> paths = new ArrayList<>();
    List<@Nullable Hash> hashes = new ArrayList<>();
    Iterator<RawEntry> it = raw.iterator(REGION_START);
    while (it.hasNext()) {
      RawEntry e = it.next();
      if (!TrieKeys.isIn(TrieKeys.PENDING, e.key())) {
        throw new StorageException(
            "Corrupt proof map '" + raw.address() + "': unexpected key in the pending region");
      }
      paths.add(TrieKeys.pathOf(e.key()));
      byte[] value = e.value();
      if (value.length != 0 && value.length != Hash.SIZE) {
        throw new StorageException(
            "Corrupt proof map '"
                + raw.address()
                + "': pending mark of "
                + value.length
                + " bytes");
      }
      hashes.add(value.length == 0 ? null : Hash.of(value));
    }
    return new PendingChanges(paths, hashes);
  }

  boolean isEmpty() {
    return paths.isEmpty();
  }

  void clear(RawIndex raw) {
    for (ProofPath p : paths) {
      raw.remove(TrieKeys.pending(p));
    }
  }
}
