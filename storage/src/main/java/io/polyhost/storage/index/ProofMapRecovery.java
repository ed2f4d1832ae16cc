package io.polyhost.storage.index;

import io.polyhost.api.storage.StorageException;
import io.polyhost.storage.RawIndex;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Rebuilds the pages of a proof map that a crash lost: a database that keeps derived entries in
 * memory between checkpoints calls this when it opens, for each proof map that logged records since
 * the last checkpoint. Not for service code.
 */
public final class ProofMapRecovery {
  private ProofMapRecovery() {}

  /**
   * Replays {@code records} (those the map logged since its pages were last written, oldest first)
   * onto the pages in {@code raw}, writes the pages that change, and checks the result against the
   * root recorded in the map's state.
   *
   * @throws StorageException if {@code raw} is not a proof map, a record is malformed, or the
   *     rebuilt root differs from the recorded one: the data is damaged and must not be used
   */
  public static void replay(RawIndex raw, List<byte[]> records) {
    Trie.checkType(raw);
    TrieState state = TrieState.read(raw);
    NodeRef root;
    BranchPages pages = new BranchPages(raw, raw.pageCache());
    try {
      NodeRef checkpointRoot = TrieLog.decodeRoot(raw.getDerived(TrieKeys.ROOT));
      root = new TrieUpdater(pages, TrieLog.replay(records)).apply(checkpointRoot);
    } catch (IllegalArgumentException e) {
      throw damaged(raw, e.getMessage());
    }
    if (!Objects.equals(root, state.root())) {
      throw damaged(
          raw,
          "replaying its log gives the root "
              + describe(root)
              + " but its state records "
              + describe(state.root()));
    }
    pages.commit();
    raw.putDerived(TrieKeys.ROOT, root == null ? null : TrieLog.encodeRoot(root));
  }

  private static String describe(@Nullable NodeRef ref) {
    return ref == null ? "(empty)" : ref.path() + " " + ref.hash();
  }

  private static StorageException damaged(RawIndex raw, @Nullable String why) {
    return new StorageException(
        "Cannot recover the pages of proof map '" + raw.address() + "': " + why);
  }
}
