/**
 * The supervisor: the builtin service (instance 0, named {@code supervisor}) through which
 * validators deploy artifacts, start, stop, freeze and resume services, change configurations,
 * migrate service data and unload artifacts, in simple or decentralized mode.
 */
@NullMarked
package io.polyhost.supervisor;

import org.jspecify.annotations.NullMarked;
