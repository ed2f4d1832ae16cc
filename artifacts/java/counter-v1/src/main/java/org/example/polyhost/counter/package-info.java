/**
 * An example service, version 1.0.0: named counters that anyone can increment. Its next version
 * (the counter-v2 module) changes how counters are stored and ships the migration of this version's
 * data.
 *
 * <p>The examples live under {@code org.example.polyhost} rather than {@code io.polyhost}: the node
 * provides every class under {@code io.polyhost} itself and refuses artifact JARs that bring any.
 */
@NullMarked
package org.example.polyhost.counter;

import org.jspecify.annotations.NullMarked;
