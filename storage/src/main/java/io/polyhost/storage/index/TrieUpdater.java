package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.ProofPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Applies a sorted batch of leaf changes to the trie in one pass from the root.
 *
 * <p>Each branch above a changed leaf is read, rebuilt and hashed exactly once, however many
 * changes lie below it; untouched subtrees are kept by reference. Removing a leaf collapses its
 * parent branch into the sibling; a new leaf outside a subtree gets a new branch above that
 * subtree.
 */
final class TrieUpdater {
  private final BranchPages store;
  private final List<ProofPath> paths;
  private final List<@Nullable Hash> valueHashes;
  // Subtrees updated beforehand (see subtreeTasks), by their old reference.
  private final Map<NodeRef, Updated> done = new HashMap<>();

  TrieUpdater(BranchPages store, PendingChanges changes) {
    this.store = store;
    this.paths = changes.paths;
    this.valueHashes = changes.valueHashes;
  }

  /** The new root after every change, or {@code null} for an empty trie. */
  @Nullable NodeRef apply(@Nullable NodeRef root) {
    return update(root, 0, paths.size());
  }

  /**
   * The branches just below the root page that changes reach, with their changes: the calls of
   * {@link #updateBranch} that {@link #apply} will make first on a path below the root page. They
   * share no page with each other or with the root page, so they can be updated in any order, each
   * with its own {@link BranchPages}, and their results handed to {@link #use}.
   */
  List<Task> subtreeTasks(@Nullable NodeRef root) {
    List<Task> tasks = new ArrayList<>();
    plan(root, 0, paths.size(), tasks);
    return tasks;
  }

  private void plan(@Nullable NodeRef ref, int from, int to, List<Task> tasks) {
    if (from == to || ref == null || ref.isLeaf()) {
      return;
    }
    ProofPath p = ref.path();
    int start = firstNotBefore(p, from, to);
    int end = firstOutside(p, start, to);
    if (start == end) {
      return;
    }
    if (p.length() >= BranchPages.STRIDE) {
      tasks.add(new Task(ref, start, end));
      return;
    }
    Branch old = store.get(ref);
    int mid = firstWithOne(p.length(), start, end);
    plan(old.left(), start, mid, tasks);
    plan(old.right(), mid, end, tasks);
  }

  /** Runs {@code task} on this updater's store. */
  Updated run(Task task) {
    return new Updated(task, updateBranch(task.ref(), task.start(), task.end()));
  }

  /** Takes {@code result}, computed beforehand, instead of updating its subtree again. */
  void use(Updated result) {
    done.put(result.task().ref(), result);
  }

  /** A subtree and the changes inside it, {@code [start, end)}. */
  record Task(NodeRef ref, int start, int end) {
    int size() {
      return end - start;
    }
  }

  /** A task and the subtree after it ({@code null} if emptied). */
  record Updated(Task task, @Nullable NodeRef result) {}

  /** The subtree {@code ref} (or nothing) after the changes in {@code [from, to)}. */
  private @Nullable NodeRef update(@Nullable NodeRef ref, int from, int to) {
    if (from == to) {
      return ref;
    }
    if (ref == null || ref.isLeaf()) {
      return build(insertions(from, to, ref), ref);
    }
    ProofPath p = ref.path();
    int start = firstNotBefore(p, from, to);
    int end = firstOutside(p, start, to);
    NodeRef inner = start == end ? ref : updated(ref, start, end);
    if (!anyInsertion(from, start) && !anyInsertion(end, to)) {
      return inner;
    }
    // New leaves beside this subtree: join them with it under new branches.
    List<NodeRef> items = insertions(from, start, null);
    if (inner != null) {
      items.add(inner);
    }
    items.addAll(insertions(end, to, null));
    return build(items, ref);
  }

  /** {@link #updateBranch}, or its result if {@link #use} handed it over. */
  private @Nullable NodeRef updated(NodeRef ref, int start, int end) {
    Updated u = done.isEmpty() ? null : done.get(ref);
    if (u != null && u.task().start() == start && u.task().end() == end) {
      return u.result();
    }
    return updateBranch(ref, start, end);
  }

  /** The branch {@code ref} after the changes in {@code [start, end)}, all inside it. */
  private @Nullable NodeRef updateBranch(NodeRef ref, int start, int end) {
    ProofPath p = ref.path();
    Branch old = store.get(ref);
    int mid = firstWithOne(p.length(), start, end);
    int mark = store.openPages();
    NodeRef left = update(old.left(), start, mid);
    NodeRef right = update(old.right(), mid, end);
    // Pages below this branch's are done: encode them while they are in the processor's caches.
    store.seal(mark, p.length() + 1);
    if (left == null || right == null) {
      store.remove(p);
      return left == null ? right : left;
    }
    if (left.equals(old.left()) && right.equals(old.right())) {
      return ref;
    }
    return store(p, left, right, ref);
  }

  /**
   * The top of a new trie over sorted, prefix-free items; stores the branches it creates. They take
   * the place of {@code old}, the node that held this position before (if any), so no other stored
   * branch can share their pages besides those of {@code old} and of the parent.
   */
  private @Nullable NodeRef build(List<NodeRef> items, @Nullable NodeRef old) {
    return items.isEmpty() ? null : build(items, 0, items.size(), old);
  }

  private NodeRef build(List<NodeRef> items, int lo, int hi, @Nullable NodeRef old) {
    if (hi - lo == 1) {
      return items.get(lo);
    }
    int split = items.get(lo).path().commonPrefixLength(items.get(hi - 1).path());
    int mid = lo + 1;
    while (items.get(mid).path().bit(split) == 0) {
      mid++;
    }
    NodeRef left = build(items, lo, mid, old);
    NodeRef right = build(items, mid, hi, old);
    return store(left.path().prefix(split), left, right, old);
  }

  /** Stores the branch at {@code path} over {@code left} and {@code right}; its reference. */
  private NodeRef store(ProofPath path, NodeRef left, NodeRef right, @Nullable NodeRef old) {
    byte[] body = BranchBody.encode(left, right);
    Hash hash = BranchBody.hash(body);
    store.put(path, body, hash, old);
    return new NodeRef(path, hash);
  }

  /** The leaves the changes in {@code [from, to)} leave in place, merged with {@code leaf}. */
  private List<NodeRef> insertions(int from, int to, @Nullable NodeRef leaf) {
    List<NodeRef> out = new ArrayList<>(to - from + 2);
    NodeRef pendingLeaf = leaf;
    for (int i = from; i < to; i++) {
      ProofPath path = paths.get(i);
      if (pendingLeaf != null) {
        int c = pendingLeaf.path().compareTo(path);
        if (c <= 0) {
          if (c < 0) {
            out.add(pendingLeaf);
          }
          pendingLeaf = null;
        }
      }
      Hash h = valueHashes.get(i);
      if (h != null) {
        out.add(new NodeRef(path, h));
      }
    }
    if (pendingLeaf != null) {
      out.add(pendingLeaf);
    }
    return out;
  }

  private boolean anyInsertion(int from, int to) {
    for (int i = from; i < to; i++) {
      if (valueHashes.get(i) != null) {
        return true;
      }
    }
    return false;
  }

  /** The first index in {@code [from, to)} whose path is not before {@code p}. */
  private int firstNotBefore(ProofPath p, int from, int to) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (paths.get(m).compareTo(p) < 0) {
        lo = m + 1;
      } else {
        hi = m;
      }
    }
    return lo;
  }

  /** The first index in {@code [from, to)} whose path does not start with {@code p}. */
  private int firstOutside(ProofPath p, int from, int to) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (paths.get(m).startsWith(p)) {
        lo = m + 1;
      } else {
        hi = m;
      }
    }
    return lo;
  }

  /** The first index in {@code [from, to)} whose path has a 1 at {@code bit}. */
  private int firstWithOne(int bit, int from, int to) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (paths.get(m).bit(bit) == 0) {
        lo = m + 1;
      } else {
        hi = m;
      }
    }
    return lo;
  }
}
