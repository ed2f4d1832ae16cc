/**
 * Prometheus metrics of a node (Micrometer), served on the private listener at {@code /metrics}:
 * the chain (blocks, transactions, call errors by kind and service), the pool, the services by
 * status, and how long each service's calls take.
 */
@NullMarked
package io.polyhost.host.metrics;

import org.jspecify.annotations.NullMarked;
