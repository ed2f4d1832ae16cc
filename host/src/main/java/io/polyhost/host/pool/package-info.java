/**
 * The transaction pool: signature checks in parallel off the execution thread, limits, duplicate
 * rejection and pre-checks against the services' status.
 */
@NullMarked
package io.polyhost.host.pool;

import org.jspecify.annotations.NullMarked;
