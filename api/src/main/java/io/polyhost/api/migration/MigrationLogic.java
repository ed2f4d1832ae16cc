package io.polyhost.api.migration;

/** The body of a {@link MigrationScript}. */
@FunctionalInterface
public interface MigrationLogic {
  /**
   * Migrates the data {@code context} exposes. Throwing fails the migration on this node with the
   * exception's message as the reason (and so, once reported, on the network); an abort of the
   * migration surfaces as an exception from {@link MigrationContext#merge()} and must not be
   * swallowed.
   */
  void migrate(MigrationContext context) throws Exception;
}
