/**
 * Data migrations: the scripts a newer artifact provides to bring a service's data from an older
 * version to its own layout.
 *
 * <p>A script runs on every node in the background, writes the new data into a shadow namespace
 * (the old data stays readable and unchanged), and ends with a hash of the migrated data that the
 * validators compare before the new data replaces the old. Scripts must therefore be deterministic
 * and, because a node may restart in the middle, restartable: keep progress in the scratchpad and
 * {@link io.polyhost.api.migration.MigrationContext#merge() merge} now and then.
 */
@NullMarked
package io.polyhost.api.migration;

import org.jspecify.annotations.NullMarked;
