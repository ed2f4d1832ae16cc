/**
 * The node's configuration and its data folder: where data and artifacts live, where the APIs
 * listen, the validator's key files and the genesis configuration created on first start.
 */
@NullMarked
package io.polyhost.host.config;

import org.jspecify.annotations.NullMarked;
