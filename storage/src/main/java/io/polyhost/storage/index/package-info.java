/** Typed index views over the byte-level key space of one index. */
@NullMarked
package io.polyhost.storage.index;

import org.jspecify.annotations.NullMarked;
