package io.polyhost.host.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies named settings (from a file or the environment) to a config, collecting a problem for
 * each unknown name and each bad value instead of stopping at the first.
 */
final class ConfigAssembly {
  private final List<String> problems = new ArrayList<>();
  private NodeConfig config;

  ConfigAssembly(NodeConfig base) {
    this.config = base;
  }

  /**
   * Applies setting {@code name} with {@code value}; {@code label} is how a message names it, e.g.
   * the key or the environment variable.
   */
  void apply(String name, String label, String value, Path base) {
    Optional<ConfigKeys.Key> key = ConfigKeys.find(name);
    if (key.isEmpty()) {
      unknown(label, name);
      return;
    }
    try {
      config = key.get().apply().apply(config, value, base);
    } catch (IllegalArgumentException e) {
      problems.add(
          label
              + " = '"
              + value
              + "': "
              + e.getMessage()
              + " (for example "
              + key.get().name()
              + " = "
              + key.get().example()
              + ")");
    }
  }

  void unknown(String label, String name) {
    String hint =
        ConfigKeys.suggest(name)
            .map(s -> "; did you mean '" + s + "'?")
            .orElse("; the keys are " + ConfigKeys.names());
    problems.add("unknown setting " + label + hint);
  }

  void problem(String text) {
    problems.add(text);
  }

  /**
   * The config with every setting applied.
   *
   * @throws InvalidConfigException naming {@code source} if any setting was refused
   */
  NodeConfig result(String source) {
    InvalidConfigException.throwIfAny(source, problems);
    return config;
  }

  /**
   * Applies {@code env}'s {@code POLYHOST_*} variables; relative paths are from the working folder.
   */
  static NodeConfig fromEnvironment(Map<String, String> env, NodeConfig base) {
    ConfigAssembly settings = new ConfigAssembly(base);
    Path here = Path.of("");
    env.entrySet().stream()
        .filter(e -> e.getKey().startsWith("POLYHOST_"))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> {
          Optional<ConfigKeys.Key> key =
              ConfigKeys.ALL.stream()
                  .filter(k -> k.environmentVariable().equals(e.getKey()))
                  .findFirst();
          if (key.isPresent()) {
            settings.apply(key.get().name(), e.getKey(), e.getValue(), here);
          } else {
            settings.problem(
                "unknown environment variable "
                    + e.getKey()
                    + "; the variables are "
                    + ConfigKeys.ALL.stream().map(ConfigKeys.Key::environmentVariable).toList());
          }
        });
    return settings.result("The environment");
  }
}
