package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.ProofPath;
import io.polyhost.api.storage.StorageException;
import io.polyhost.storage.ContentCache;
import io.polyhost.storage.RawIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The branches of a proof map, stored in pages ({@link BranchPage}): one raw entry holds every
 * branch whose path length lies in {@code [k * STRIDE, (k + 1) * STRIDE)} under a common prefix of
 * {@code k * STRIDE} bits.
 *
 * <p>Reaching a leaf of a trie with a million entries passes about twenty branches; grouping them
 * turns twenty raw reads and writes into five, and the database's {@link ContentCache} saves the
 * reads of pages in memory. A store lives for one operation (applying pending changes, or building
 * a proof): it keeps the pages it reads, and {@link #commit()} writes back those it changed.
 */
final class BranchPages {
  /**
   * Bits of path length per page. Measured at a million random keys: stride 4 needs as few raw
   * reads as 8 (about one per insert, the bottom page; the cache serves the rest) and writes a
   * third of the bytes (1.9 KB against 5.5 KB per insert), which a database pays for again in
   * compaction.
   */
  static final int STRIDE = 4;

  private final RawIndex raw;
  private final ContentCache cache;
  private final Map<ProofPath, Loaded> pages = new HashMap<>();
  // Pages for the cache, written at the end of commit (see CacheWrites).
  private final CacheWrites cacheWrites = new CacheWrites();
  // Stores whose pages this one has taken over (see adopt).
  private final List<BranchPages> adopted = new ArrayList<>();
  // Pages loaded or made and not sealed yet (see seal), in the order they were first touched.
  private final List<Loaded> open = new ArrayList<>();
  // Whether pages are loaded to be changed (see beginUpdate).
  private boolean updating;

  /**
   * The page last found at each page level (a branch's path length divided by {@link #STRIDE}).
   * Callers descend from the root, so the page of the next branch is nearly always the one last
   * found at its level; checking that costs a prefix comparison, where finding it in {@link #pages}
   * costs building its prefix and a hash lookup (measured: 1-3 % more inserts per second at 10k
   * keys).
   */
  private final @Nullable Loaded[] recent = new Loaded[ProofPath.MAX_LENGTH / STRIDE + 1];

  BranchPages(RawIndex raw, ContentCache cache) {
    this.raw = raw;
    this.cache = cache;
  }

  /**
   * Says that the pages loaded from now until {@link #commit} are loaded to be changed. Those found
   * in the cache are then taken out of it at once, since commit would remove them anyway (and puts
   * back those left unchanged): one cache lookup per page instead of two, and the second one long
   * after the first, when its memory is no longer in the processor's caches. Does nothing for a
   * read-only index, whose changes are never committed.
   */
  void beginUpdate() {
    updating = raw.isWritable();
  }

  /**
   * The branch {@code ref} points to. Callers descend from the root, so the first branch they ask
   * for in a page is the page's top branch, whose hash names the page in the cache.
   *
   * @throws StorageException if there is none: the trie references a branch it does not hold
   */
  Branch get(NodeRef ref) {
    ProofPath path = ref.path();
    Branch b;
    try {
      b = page(path, ref.hash()).page.get(path, BranchPage.slot(path, STRIDE));
    } catch (IllegalArgumentException e) {
      throw corrupt("page of " + path + ": " + e.getMessage());
    }
    if (b == null) {
      throw corrupt("no branch stored at " + path);
    }
    return b;
  }

  /**
   * Stores the branch at {@code path} with body {@code body} (see {@link BranchBody}) and hash
   * {@code hash}, in place of {@code old}: the node that held its position in the trie before (if
   * any). Callers descend from the root, so the parent's page is loaded already; any other page the
   * branch may land in can only hold branches of {@code old}'s subtree, and does so exactly when
   * {@code old} is that page's top branch. Every other page cannot exist yet and is not looked up.
   */
  void put(ProofPath path, byte[] body, Hash hash, @Nullable NodeRef old) {
    Loaded loaded = find(path);
    if (loaded == null) {
      ProofPath prefix = pagePrefix(path);
      if (old != null && !old.isLeaf() && pagePrefix(old.path()).equals(prefix)) {
        loaded = load(prefix, old.path(), old.hash());
      } else {
        loaded = new Loaded(prefix, new BranchPage(STRIDE, null), null);
        pages.put(prefix, loaded);
        recent[path.length() / STRIDE] = loaded;
        open.add(loaded);
      }
    }
    loaded.page.put(BranchPage.slot(path, STRIDE), body, hash);
    loaded.encoded = false;
  }

  /** Removes the branch at {@code path}, which the caller has read with {@link #get}. */
  void remove(ProofPath path) {
    Loaded loaded = page(path, null);
    loaded.page.remove(BranchPage.slot(path, STRIDE));
    loaded.encoded = false;
  }

  /**
   * Writes every changed page to the raw index, as a derived entry (the trie can compute it again
   * from the leaf changes it logs), and to the cache in place of the version it replaces: that one
   * is only still wanted by older snapshots, which can read it from the index.
   */
  void commit() {
    commit(pages);
    for (BranchPages other : adopted) {
      commit(other.pages);
    }
    adopted.clear();
    cacheWrites.flush(cache);
    open.clear();
    Arrays.fill(recent, null);
    updating = false;
  }

  private void commit(Map<ProofPath, Loaded> changed) {
    for (Map.Entry<ProofPath, Loaded> e : changed.entrySet()) {
      Loaded loaded = e.getValue();
      BranchPage page = loaded.page;
      Hash storedTop = loaded.storedTop;
      if (!page.isChanged()) {
        if (loaded.taken && storedTop != null) {
          cacheWrites.add(storedTop, page.stored());
        }
        continue;
      }
      if (storedTop != null && !loaded.taken) {
        cache.remove(storedTop);
      }
      byte[] key = TrieKeys.page(e.getKey());
      loaded.encode();
      byte[] bytes = loaded.bytes;
      raw.putDerived(key, bytes);
      Hash top = loaded.top;
      if (bytes != null && top != null) {
        cacheWrites.add(top, bytes);
      }
    }
    changed.clear();
  }

  /** A mark for {@link #seal}: how many pages are open now. */
  int openPages() {
    return open.size();
  }

  /**
   * Encodes, for {@link #commit} to write later, the pages opened since {@code mark} whose prefix
   * is longer than {@code minPrefixLength - 1}, and forgets them as open. The updater calls it once
   * the subtree below a branch of length {@code minPrefixLength - 1} is done: no later change
   * reaches those pages, and their bytes are still in the processor's caches. A page changed after
   * all the same is encoded again.
   */
  void seal(int mark, int minPrefixLength) {
    if (!raw.isWritable()) {
      return; // nothing to write
    }
    int kept = mark;
    for (int i = mark; i < open.size(); i++) {
      Loaded loaded = open.get(i);
      if (loaded.prefix.length() >= minPrefixLength) {
        loaded.encode();
      } else {
        open.set(kept++, loaded);
      }
    }
    open.subList(kept, open.size()).clear();
  }

  /** Encodes every changed page now: lets the thread that changed them do it. */
  void encodeChanged() {
    seal(0, 0);
  }

  /**
   * Takes over the pages of {@code other}, which read the same index and changed pages this store
   * has not loaded: those of subtrees below the root page that only it updated. This store then
   * finds them as its own, and {@link #commit} writes them. Both must be loading to update (see
   * {@link #beginUpdate}) or both not.
   */
  void adopt(BranchPages other) {
    adopted.add(other);
    open.addAll(other.open);
    other.open.clear();
  }

  private static ProofPath pagePrefix(ProofPath branchPath) {
    return branchPath.prefix(branchPath.length() - branchPath.length() % STRIDE);
  }

  /**
   * The page holding {@code branchPath}; {@code topHint} is that branch's hash if it is the top.
   */
  private Loaded page(ProofPath branchPath, @Nullable Hash topHint) {
    Loaded loaded = find(branchPath);
    return loaded != null ? loaded : load(pagePrefix(branchPath), branchPath, topHint);
  }

  /** The page holding {@code branchPath} if loaded or made already, else {@code null}. */
  private @Nullable Loaded find(ProofPath branchPath) {
    int level = branchPath.length() / STRIDE;
    Loaded last = recent[level];
    if (last != null && branchPath.startsWith(last.prefix)) {
      return last;
    }
    ProofPath prefix = pagePrefix(branchPath);
    Loaded loaded = pages.get(prefix);
    for (int i = 0; loaded == null && i < adopted.size(); i++) {
      loaded = adopted.get(i).pages.get(prefix);
    }
    if (loaded != null) {
      recent[level] = loaded;
    }
    return loaded;
  }

  private Loaded load(ProofPath prefix, ProofPath branchPath, @Nullable Hash topHint) {
    byte[] bytes = topHint == null ? null : updating ? cache.take(topHint) : cache.get(topHint);
    boolean fromCache = bytes != null;
    if (bytes == null) {
      bytes = raw.getDerived(TrieKeys.page(prefix));
    }
    BranchPage page;
    try {
      page = new BranchPage(STRIDE, bytes);
    } catch (IllegalArgumentException e) {
      throw corrupt("page " + prefix + ": " + e.getMessage());
    }
    // The hint names the page only if it is the stored top branch; anything else would poison the
    // cache, so check rather than trust the caller.
    boolean isTop = topHint != null && page.storedTopSlot() == BranchPage.slot(branchPath, STRIDE);
    Hash storedTop = isTop ? topHint : null;
    if (storedTop != null && !fromCache && bytes != null && !updating) {
      cache.put(storedTop, bytes);
    }
    Loaded loaded = new Loaded(prefix, page, storedTop);
    recent[branchPath.length() / STRIDE] = loaded;
    // Out of the cache now, whether it was taken or never put: commit puts it back if unchanged.
    loaded.taken = updating;
    pages.put(prefix, loaded);
    open.add(loaded);
    return loaded;
  }

  private StorageException corrupt(String what) {
    return new StorageException("Corrupt proof map '" + raw.address() + "': " + what);
  }

  /**
   * A page, the hash of its stored top branch (if known), and its encoded form once made (see
   * {@link #seal}).
   */
  private static final class Loaded {
    final ProofPath prefix;
    final BranchPage page;
    final @Nullable Hash storedTop;
    boolean encoded;
    boolean taken;
    byte @Nullable [] bytes;
    // The hash of the encoded page's top branch, if known; found with the encoding, while the
    // page's memory is still in the processor's caches (at commit it no longer is).
    @Nullable Hash top;

    Loaded(ProofPath prefix, BranchPage page, @Nullable Hash storedTop) {
      this.prefix = prefix;
      this.page = page;
      this.storedTop = storedTop;
    }

    void encode() {
      if (page.isChanged() && !encoded) {
        bytes = page.encode();
        top = page.topHash(storedTop);
        encoded = true;
      }
    }
  }
}
