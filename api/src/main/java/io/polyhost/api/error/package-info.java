/**
 * The error model of execution: what a transaction, hook or constructor reports when it fails.
 *
 * <p>An {@link io.polyhost.api.error.ExecutionError} has a kind, a numeric code, a description, and
 * where it happened (runtime and call site). Kind, code, runtime and call site are part of
 * consensus: they enter the block's error hash, so every node must produce them identically. The
 * description and backtrace are informational and may differ between nodes.
 */
@NullMarked
package io.polyhost.api.error;

import org.jspecify.annotations.NullMarked;
