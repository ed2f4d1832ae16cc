package io.polyhost.storage.index;

import io.polyhost.storage.RawIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Applies a large batch of changes on two threads: this one and one helper.
 *
 * <p>The branches just below the root page ({@link TrieUpdater#subtreeTasks}) head subtrees that
 * share no page, so each is a pure function of its stored pages and its changes. Both threads take
 * the next subtree, largest first, until none is left; the helper updates its subtrees, and encodes
 * the pages it changed, with its own {@link BranchPages}. This thread then takes over the helper's
 * pages and results and finishes the root page as the sequential update would. The trie, its hashes
 * and its pages are exactly those of {@link TrieUpdater#apply} on one thread; only the work is
 * shared. Both threads only read the index (and the thread-safe page cache) until the helper is
 * done; writes happen afterwards, on this thread.
 *
 * <p>Taking tasks as they come, rather than splitting them beforehand, lets the helper's late start
 * (it has to be woken) and any other difference in speed even out; if this thread finishes before
 * the helper has started at all, it does not wait for it.
 */
final class SubtreeUpdates {
  private SubtreeUpdates() {}

  /**
   * Batches smaller than this are applied on one thread: handing over costs more than it saves. The
   * system property {@code polyhost.trie.parallelMinChanges} overrides it (for measurements).
   */
  static final int MIN_CHANGES = Integer.getInteger("polyhost.trie.parallelMinChanges", 256);

  private static final boolean MULTICORE = Runtime.getRuntime().availableProcessors() > 1;

  /** For measurements: {@code -Dpolyhost.trie.helper=false} leaves all work on the caller. */
  private static final boolean DISABLED =
      !Boolean.parseBoolean(System.getProperty("polyhost.trie.helper", "true"));

  private static final ExecutorService HELPER =
      Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "polyhost-trie-helper");
        t.setDaemon(true);
        return t;
      });

  /**
   * Runs {@code work}, which may be run late and must not fail, on the helper thread if there is
   * one; returns whether it will.
   */
  static boolean handOver(Runnable work) {
    if (!MULTICORE || DISABLED) {
      return false;
    }
    HELPER.execute(work);
    return true;
  }

  /**
   * The new root of the trie {@code root} of {@code raw} after {@code changes}, with the branches
   * stored in {@code store}: on two threads if there are at least {@code minChanges} changes.
   */
  static @Nullable NodeRef apply(
      RawIndex raw,
      BranchPages store,
      PendingChanges changes,
      @Nullable NodeRef root,
      int minChanges) {
    TrieUpdater updater = new TrieUpdater(store, changes);
    if (!MULTICORE || DISABLED || changes.paths.size() < minChanges) {
      return updater.apply(root);
    }
    List<TrieUpdater.Task> tasks = updater.subtreeTasks(root);
    if (tasks.size() < 2) {
      return updater.apply(root);
    }
    tasks.sort(Comparator.comparingInt(TrieUpdater.Task::size).reversed());
    Shared shared = new Shared(tasks);
    BranchPages helperStore = new BranchPages(raw, raw.pageCache());
    helperStore.beginUpdate();
    CompletableFuture<List<TrieUpdater.Updated>> helped =
        CompletableFuture.supplyAsync(
            () -> {
              if (!shared.started.compareAndSet(false, true)) {
                return List.of(); // this thread did everything before the helper woke up
              }
              List<TrieUpdater.Updated> out = shared.runAll(new TrieUpdater(helperStore, changes));
              helperStore.encodeChanged();
              return out;
            },
            HELPER);
    List<TrieUpdater.Updated> done;
    try {
      done = shared.runAll(updater);
    } catch (RuntimeException | Error e) {
      shared.next.set(tasks.size()); // the helper takes no more
      if (!shared.started.compareAndSet(false, true)) {
        // Leave nothing running over this store before reporting.
        try {
          helped.join();
        } catch (CompletionException | CancellationException other) {
          e.addSuppressed(other.getCause() != null ? other.getCause() : other);
        }
      }
      throw e;
    }
    if (shared.started.compareAndSet(false, true)) {
      return finish(updater, done, List.of(), root);
    }
    List<TrieUpdater.Updated> helperDone;
    try {
      helperDone = helped.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
    store.adopt(helperStore);
    return finish(updater, done, helperDone, root);
  }

  private static @Nullable NodeRef finish(
      TrieUpdater updater,
      List<TrieUpdater.Updated> mine,
      List<TrieUpdater.Updated> theirs,
      @Nullable NodeRef root) {
    mine.forEach(updater::use);
    theirs.forEach(updater::use);
    return updater.apply(root);
  }

  /** The tasks, and which one is next; both threads take from it. */
  private static final class Shared {
    final List<TrieUpdater.Task> tasks;
    final AtomicInteger next = new AtomicInteger();
    // Set by whichever comes first: the helper starting, or this thread finding it has not.
    final AtomicBoolean started = new AtomicBoolean();

    Shared(List<TrieUpdater.Task> tasks) {
      this.tasks = tasks;
    }

    List<TrieUpdater.Updated> runAll(TrieUpdater updater) {
      List<TrieUpdater.Updated> out = new ArrayList<>();
      for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
        out.add(updater.run(tasks.get(i)));
      }
      return out;
    }
  }
}
