/**
 * The end-to-end load generator behind {@code ./polyhost bench}: signed wallet transfers submitted
 * over HTTP to a real node, measured from submission to the block that commits them.
 */
@NullMarked
package io.polyhost.benchmarks.load;

import org.jspecify.annotations.NullMarked;
