package io.polyhost.host.cli;

import io.polyhost.host.config.EnvOverrides;
import io.polyhost.host.config.NodeConfig;
import io.polyhost.host.config.NodeConfigFile;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options every command on a node's folder shares: a configuration file and the data folder.
 * Settings are layered: the defaults, then the file, then {@code POLYHOST_*} environment variables,
 * then flags; each layer overrides the ones before.
 */
final class DataOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "A node configuration (TOML, e.g. node.toml from generate-config; or JSON);"
              + " environment variables and flags override it.")
  private @Nullable Path config;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (default: data).")
  private @Nullable Path dataDir;

  /** The defaults, the file and the environment, then the data folder flag. */
  NodeConfig nodeConfig(Map<String, String> env) {
    NodeConfig result = NodeConfig.defaults();
    if (config != null) {
      result = NodeConfigFile.read(config, result);
    }
    result = EnvOverrides.apply(env, result);
    if (dataDir != null) {
      result = result.withDataDir(dataDir);
    }
    return result;
  }
}
