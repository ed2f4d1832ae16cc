package io.polyhost.api.migration;

/**
 * Thrown inside a migration script when the node aborts the migration (it was rolled back, or the
 * node is shutting down): nothing more is merged. The script must let it propagate; it never
 * becomes the migration's result.
 *
 * <p>It is not a storage failure: whoever aborted the migration expects no result from it.
 */
public final class MigrationAbortedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An abort of the migration of {@code namespace}. */
  public MigrationAbortedException(String namespace) {
    super("The migration of '" + namespace + "' was aborted; its unmerged changes were discarded");
  }
}
