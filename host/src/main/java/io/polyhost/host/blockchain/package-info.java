/**
 * The blockchain: genesis, block execution on one deterministic thread, the core schema (blocks,
 * transactions, errors), commit and restart.
 */
@NullMarked
package io.polyhost.host.blockchain;

import org.jspecify.annotations.NullMarked;
