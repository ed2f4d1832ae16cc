package io.polyhost.storage.migration;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.migration.MigrationAbortedException;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.storage.Database;
import io.polyhost.storage.Fork;
import io.polyhost.storage.Migration;
import io.polyhost.storage.Patch;
import io.polyhost.storage.Scratchpad;
import io.polyhost.storage.index.IndexViews;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * What a migration script works with: the old data of its namespace, the new data, a scratchpad,
 * all on one fork of its own, and merges of its progress into the database.
 *
 * <p>Scripts run on a background thread while blocks are committed; a script should {@link
 * #merge()} every second or so, which keeps memory bounded and lets an {@link #abortHandle() abort}
 * take effect. Merged progress survives a restart of the process: a new helper for the same
 * namespace sees the new data and the scratchpad as they were merged, and {@link PersistentIters}
 * continue after the last element processed. The migration ends with {@link #finish()}, which
 * returns the migration hash; the migrated data replaces the old only when a fork calls {@link
 * Fork#flushMigration}.
 *
 * <p>A helper is used by one thread; its {@link AbortHandle} by any. Views obtained from the helper
 * belong to its current fork: open them again after each merge.
 */
public final class MigrationHelper implements AutoCloseable {
  private final Database db;
  private final String namespace;
  private final AbortHandle handle;
  private @Nullable Fork fork;

  private MigrationHelper(Database db, String namespace, Fork fork) {
    this.db = db;
    this.namespace = namespace;
    this.handle = new AbortHandle(namespace);
    this.fork = fork;
  }

  /**
   * A helper migrating {@code namespace} of {@code db}, on a fresh fork.
   *
   * @throws IllegalArgumentException if {@code namespace} is not a single, unreserved name
   *     component
   */
  public static MigrationHelper create(Database db, String namespace) {
    Fork fork = db.fork();
    try {
      Migration.of(fork, namespace);
    } catch (RuntimeException e) {
      fork.close();
      throw e;
    }
    return new MigrationHelper(db, namespace, fork);
  }

  /** The namespace being migrated. */
  public String namespace() {
    return namespace;
  }

  /** The handle through which other threads abort this migration or see it finish. */
  public AbortHandle abortHandle() {
    return handle;
  }

  /** The new data: index {@code x} becomes {@code ns.x} when the migration is flushed. */
  public IndexAccess newData() {
    return IndexViews.over(migration());
  }

  /**
   * Marks {@code address} (relative to the namespace) for removal when the migration is flushed.
   *
   * @throws io.polyhost.api.storage.IndexTypeMismatchException if the new data holds an index there
   */
  public void createTombstone(IndexAddress address) {
    migration().createTombstone(address);
  }

  /** Marks the index named {@code name} for removal; see {@link #createTombstone(IndexAddress)}. */
  public void createTombstone(String name) {
    createTombstone(IndexAddress.of(name));
  }

  /** The old data of the namespace, read-only: index {@code x} is {@code ns.x}. */
  public IndexAccess oldData() {
    return IndexViews.over(fork().readOnly().prefixed(namespace));
  }

  /** Temporary storage for the script, erased when the migration is flushed or rolled back. */
  public IndexAccess scratchpad() {
    return IndexViews.over(Scratchpad.of(fork(), namespace));
  }

  /**
   * Merges the changes made so far (new data and scratchpad) into the database and continues on a
   * fresh fork. The migrated data stays in its own namespace.
   *
   * @throws MigrationAbortedException if the migration was aborted; nothing is merged and the
   *     helper is finished
   * @throws io.polyhost.api.storage.StorageException if the database fails; the helper is finished
   */
  public void merge() {
    mergeFork();
    fork = db.fork();
  }

  /**
   * Runs {@code step} and merges, again and again, until every persistent iterator the step created
   * has ended: the usual shape of a script that migrates a large index in chunks, e.g. {@code for
   * (var e : iters.map("wallets", old, keys).take(1000)) { ... }}. A step that creates no iterator
   * runs once.
   *
   * @throws MigrationAbortedException if the migration was aborted
   */
  public void iterLoop(BiConsumer<? super MigrationHelper, ? super PersistentIters> step) {
    boolean ended;
    do {
      PersistentIters iters = PersistentIters.in(scratchpad());
      step.accept(this, iters);
      ended = iters.allEnded();
      merge();
    } while (!ended);
  }

  /**
   * Merges the remaining changes and returns the migration hash: the root of the aggregator of the
   * migrated Merkelized indexes, which the validators compare. The helper is finished afterwards.
   *
   * @throws MigrationAbortedException if the migration was aborted; nothing is merged
   */
  public Hash finish() {
    try {
      return mergeFork();
    } finally {
      handle.markFinished();
    }
  }

  /** Discards unmerged changes and finishes the helper; does nothing if already finished. */
  @Override
  public void close() {
    Fork f = fork;
    fork = null;
    if (f != null) {
      f.close();
    }
    handle.markFinished();
  }

  private Hash mergeFork() {
    Fork current = fork();
    fork = null;
    try (Patch patch = current.intoPatch()) {
      Hash hash = patch.migrationStateHash(namespace);
      handle.mergeUnlessAborted(db, patch);
      return hash;
    } catch (RuntimeException e) {
      handle.markFinished();
      throw e;
    }
  }

  private Migration migration() {
    return Migration.of(fork(), namespace);
  }

  private Fork fork() {
    Fork f = fork;
    if (f == null) {
      if (handle.isAborted()) {
        throw new MigrationAbortedException(namespace);
      }
      throw new IllegalStateException(
          "The migration helper of '" + namespace + "' is finished or closed");
    }
    return f;
  }
}
