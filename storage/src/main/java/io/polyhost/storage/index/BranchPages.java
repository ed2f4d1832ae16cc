package io.polyhost.storage.index;

import io.polyhost.api.proof.ProofPath;
import io.polyhost.api.storage.StorageException;
import io.polyhost.storage.RawIndex;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The branches of a proof map, stored in pages: one raw entry holds every branch whose path length
 * lies in {@code [k * STRIDE, (k + 1) * STRIDE)} under a common prefix of {@code k * STRIDE} bits.
 *
 * <p>Reaching a leaf of a trie with a million entries passes about twenty branches; grouping them
 * turns twenty raw reads and writes into three. A store lives for one operation (applying pending
 * changes, or building a proof): it caches the pages it reads, and {@link #commit()} writes back
 * those it changed.
 */
final class BranchPages {
  /** Bits of path length per page. */
  static final int STRIDE = 8;

  private final RawIndex raw;
  private final Map<ProofPath, Page> pages = new HashMap<>();

  BranchPages(RawIndex raw) {
    this.raw = raw;
  }

  /**
   * The branch at {@code path}.
   *
   * @throws StorageException if there is none: the trie references a branch it does not hold
   */
  Branch get(ProofPath path) {
    Branch b = page(path).branches.get(path);
    if (b == null) {
      throw new StorageException(
          "Corrupt proof map '" + raw.address() + "': no branch stored at " + path);
    }
    return b;
  }

  void put(Branch branch) {
    Page p = page(branch.path());
    p.branches.put(branch.path(), branch);
    p.dirty = true;
  }

  void remove(ProofPath path) {
    Page p = page(path);
    if (p.branches.remove(path) != null) {
      p.dirty = true;
    }
  }

  /** Writes every changed page to the raw index. */
  void commit() {
    for (Map.Entry<ProofPath, Page> e : pages.entrySet()) {
      Page p = e.getValue();
      if (!p.dirty) {
        continue;
      }
      byte[] key = TrieKeys.page(e.getKey());
      if (p.branches.isEmpty()) {
        raw.remove(key);
      } else {
        raw.put(key, BranchPageCodec.encode(p.branches.values()));
      }
      p.dirty = false;
    }
  }

  private Page page(ProofPath branchPath) {
    ProofPath prefix = branchPath.prefix(branchPath.length() / STRIDE * STRIDE);
    Page p = pages.get(prefix);
    if (p == null) {
      p = new Page();
      byte[] stored = raw.get(TrieKeys.page(prefix));
      if (stored != null) {
        try {
          BranchPageCodec.decode(stored, p.branches);
        } catch (IllegalArgumentException e) {
          throw new StorageException(
              "Corrupt proof map '" + raw.address() + "': page " + prefix + ": " + e.getMessage());
        }
      }
      pages.put(prefix, p);
    }
    return p;
  }

  private static final class Page {
    // Sorted, so that equal pages encode to equal bytes on every node.
    final TreeMap<ProofPath, Branch> branches = new TreeMap<>();
    boolean dirty;
  }
}
