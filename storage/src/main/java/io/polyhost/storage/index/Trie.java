package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.proof.MapKeyMode;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.IndexTypeMismatchException;
import io.polyhost.storage.RawIndex;
import org.jspecify.annotations.Nullable;

/**
 * The up-to-date trie of a proof map: the stored one with every pending change applied.
 *
 * <p>Opening a writable index applies and persists the pending changes (in the same raw index, so
 * they follow fork flush and rollback like everything else). A read-only index keeps the result in
 * memory for the life of this object, so snapshots answer correctly either way.
 */
final class Trie {
  private final BranchPages branches;
  private final @Nullable NodeRef root;
  private final Hash rootHash;

  private Trie(BranchPages branches, TrieState state) {
    this.branches = branches;
    this.root = state.root();
    this.rootHash = state.rootHash();
  }

  /**
   * Opens the trie of {@code raw}, recording {@code mode} in the state if known.
   *
   * @throws IndexTypeMismatchException if {@code raw} is not a proof map
   */
  static Trie open(RawIndex raw, @Nullable MapKeyMode mode) {
    return open(raw, mode, SubtreeUpdates.MIN_CHANGES);
  }

  /**
   * Like {@link #open(RawIndex, MapKeyMode)}, applying batches of at least {@code minParallel}
   * changes on two threads (see {@link SubtreeUpdates}).
   */
  static Trie open(RawIndex raw, @Nullable MapKeyMode mode, int minParallel) {
    checkType(raw);
    TrieState state = TrieState.read(raw);
    BranchPages branches = new BranchPages(raw, raw.pageCache());
    PendingChanges changes = PendingChanges.read(raw, state);
    if (changes.isEmpty()) {
      if (state.pending() && raw.isWritable()) {
        new TrieState(state.mode(), state.root(), false).write(raw);
      }
      return new Trie(branches, state);
    }
    branches.beginUpdate();
    NodeRef root = SubtreeUpdates.apply(raw, branches, changes, state.root(), minParallel);
    TrieState updated = new TrieState(mode != null ? mode : state.mode(), root, false);
    if (raw.isWritable()) {
      branches.commit();
      // The pages may reach the disk only at the database's next checkpoint; the root they
      // describe goes with them, and the log lets a crash in between be repaired.
      raw.putDerived(TrieKeys.ROOT, root == null ? null : TrieLog.encodeRoot(root));
      raw.logDerivation(TrieLog.encode(changes));
      changes.clear(raw);
      updated.write(raw);
    }
    return new Trie(branches, updated);
  }

  static void checkType(RawIndex raw) {
    if (raw.type() != IndexType.PROOF_MAP) {
      throw new IndexTypeMismatchException(raw.address(), raw.type(), IndexType.PROOF_MAP);
    }
  }

  /** The object hash of the map. */
  Hash mapHash() {
    return Hashing.map(rootHash);
  }

  @Nullable NodeRef root() {
    return root;
  }

  Branch branch(NodeRef ref) {
    return branches.get(ref);
  }
}
