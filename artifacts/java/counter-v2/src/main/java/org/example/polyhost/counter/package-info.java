/**
 * An example service, version 2.0.0 of the counter: each counter is now a record with the time it
 * last changed, and counters can be reset. {@link org.example.polyhost.counter.CounterMigrations}
 * converts the data of a service that ran 1.0.0.
 *
 * <p>The examples live under {@code org.example.polyhost} rather than {@code io.polyhost}: the node
 * provides every class under {@code io.polyhost} itself and refuses artifact JARs that bring any.
 */
@NullMarked
package org.example.polyhost.counter;

import org.jspecify.annotations.NullMarked;
