package io.polyhost.storage.migration;

import io.polyhost.api.migration.MigrationAbortedException;
import io.polyhost.storage.Database;
import io.polyhost.storage.Patch;

/**
 * Lets another thread stop a {@link MigrationHelper} and see whether it is done. Thread-safe.
 *
 * <p>Aborting does not interrupt the script: its next {@link MigrationHelper#merge()} or {@link
 * MigrationHelper#finish()} throws {@link MigrationAbortedException} and merges nothing. The check
 * and the merge are one step with respect to {@link #abort()}, so once {@code abort()} returns the
 * helper writes nothing more to the database: it is then safe to roll the migration back.
 */
public final class AbortHandle {
  private final String namespace;
  private final Object lock = new Object();
  private boolean aborted;
  private volatile boolean finished;

  AbortHandle(String namespace) {
    this.namespace = namespace;
  }

  /**
   * Aborts the migration. Waits for a merge in progress, so that after this returns the helper
   * merges nothing; aborting a finished or already aborted migration does nothing.
   */
  public void abort() {
    synchronized (lock) {
      aborted = true;
    }
  }

  /** Whether {@link #abort()} was called. */
  public boolean isAborted() {
    synchronized (lock) {
      return aborted;
    }
  }

  /**
   * Whether the helper is done: {@link MigrationHelper#finish()} returned or threw, a merge failed
   * or was refused, or the helper was closed. A finished helper never writes again.
   */
  public boolean isFinished() {
    return finished;
  }

  /** Merges {@code patch} unless the migration was aborted; atomic with respect to abort(). */
  void mergeUnlessAborted(Database db, Patch patch) {
    synchronized (lock) {
      if (aborted) {
        throw new MigrationAbortedException(namespace);
      }
      db.merge(patch);
    }
  }

  void markFinished() {
    finished = true;
  }
}
