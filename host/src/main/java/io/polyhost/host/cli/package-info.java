/**
 * The {@code polyhost} command line (picocli, one class per command) and {@code main}: {@code run}
 * starts a node with its HTTP API, {@code generate-config} prepares a validator's folder.
 */
@NullMarked
package io.polyhost.host.cli;

import org.jspecify.annotations.NullMarked;
