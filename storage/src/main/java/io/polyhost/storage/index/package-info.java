/**
 * Typed index views over a {@link io.polyhost.storage.RawIndex}: the layout of each index type in
 * its raw key space, and the upkeep of Merkle trees.
 */
@NullMarked
package io.polyhost.storage.index;

import org.jspecify.annotations.NullMarked;
