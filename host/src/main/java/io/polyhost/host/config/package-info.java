/**
 * The node's configuration and its data folder: where data and artifacts live, where the APIs
 * listen, the validator's key files and the genesis configuration created on first start.
 *
 * <p>Settings are layered: {@link io.polyhost.host.config.NodeConfig#defaults()}, a TOML (or JSON)
 * file ({@link io.polyhost.host.config.NodeConfigFile}), {@code POLYHOST_*} environment variables
 * ({@link io.polyhost.host.config.EnvOverrides}), then command-line flags; {@link
 * io.polyhost.host.config.StartChecks} checks the result before a node starts. Every layer reports
 * all its problems at once ({@link io.polyhost.host.config.InvalidConfigException}).
 */
@NullMarked
package io.polyhost.host.config;

import org.jspecify.annotations.NullMarked;
