/**
 * The node assembled: database, runtimes, blockchain, transaction pool and ordering engine, wired
 * by hand with constructors.
 */
@NullMarked
package io.polyhost.host.node;

import org.jspecify.annotations.NullMarked;
