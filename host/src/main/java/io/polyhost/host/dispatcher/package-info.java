/**
 * The dispatcher: the registry of artifacts and service instances, their lifecycle state machine,
 * routing of calls to runtimes, and data migrations.
 */
@NullMarked
package io.polyhost.host.dispatcher;

import org.jspecify.annotations.NullMarked;
