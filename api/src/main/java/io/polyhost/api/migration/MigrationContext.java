package io.polyhost.api.migration;

import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.storage.IndexAccess;

/** What a running migration script works with. */
public interface MigrationContext {
  /** The service being migrated (its spec still names the old artifact). */
  InstanceSpec instance();

  /** The version of the data before this script. */
  Version dataVersion();

  /**
   * The migrated data, writable: indexes opened here replace those with the same names when the
   * migration is flushed; indexes not opened here stay as they were unless tombstoned.
   */
  IndexAccess newData();

  /** The data before the migration, read-only. */
  IndexAccess oldData();

  /** Scratch space for the script's own bookkeeping (e.g. progress); erased when it ends. */
  IndexAccess scratchpad();

  /** Marks the old index {@code name} for removal when the migration is flushed. */
  void createTombstone(String name);

  /**
   * Persists the work done so far, so a restarted node need not redo it and memory stays bounded;
   * call it about once a second.
   *
   * @throws MigrationAbortedException if the migration was aborted meanwhile; let it propagate
   */
  void merge();
}
