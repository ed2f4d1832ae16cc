/**
 * An example service: timestamping. A client records the SHA-256 of some content once; the chain
 * keeps it with the time of the block, and anyone can later read the record with a proof that it
 * was there.
 *
 * <p>The examples live under {@code org.example.polyhost} rather than {@code io.polyhost}: the node
 * provides every class under {@code io.polyhost} itself and refuses artifact JARs that bring any.
 */
@NullMarked
package org.example.polyhost.timestamping;

import org.jspecify.annotations.NullMarked;
