/**
 * Running a data migration: {@link io.polyhost.storage.migration.MigrationHelper} gives a migration
 * script the old data, the new data and a scratchpad on its own fork, merges its progress, and can
 * be aborted from another thread; {@link io.polyhost.storage.migration.PersistentIters} iterate the
 * old data in a way that survives a restart of the process.
 *
 * <p>The namespaces themselves (where migrated data lives, how it is aggregated, flushed and rolled
 * back) are described in {@link io.polyhost.storage.Migration}.
 */
@NullMarked
package io.polyhost.storage.migration;

import org.jspecify.annotations.NullMarked;
