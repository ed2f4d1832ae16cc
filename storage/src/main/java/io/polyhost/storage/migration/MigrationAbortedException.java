package io.polyhost.storage.migration;

/**
 * Thrown by {@link MigrationHelper#merge()} and {@link MigrationHelper#finish()} once the migration
 * was aborted: nothing was merged, and the helper cannot be used any more.
 *
 * <p>It is not a {@link io.polyhost.api.storage.StorageException}: an aborted migration is not a
 * failure of the database, and whoever aborted it expects no result from it.
 */
public final class MigrationAbortedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception for the aborted migration of {@code namespace}. */
  public MigrationAbortedException(String namespace) {
    super("The migration of '" + namespace + "' was aborted; its unmerged changes were discarded");
  }
}
