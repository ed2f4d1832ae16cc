package io.polyhost.host.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of a node configuration: its key in the file (dotted for a TOML table, e.g. {@code
 * http.max-batch-bytes}), its environment variable and how its text applies to a {@link
 * NodeConfig}. One table, so the file, the environment and the error messages never disagree.
 */
final class ConfigKeys {
  /** Turns a setting's text into a change of the config; relative paths resolve against a base. */
  interface Apply {
    NodeConfig apply(NodeConfig config, String value, Path base);
  }

  /** One setting: its key, an example value for messages, and what it does. */
  record Key(String name, String example, Apply apply) {
    /** {@code POLYHOST_} and the key in upper case, dots and dashes as underscores. */
    String environmentVariable() {
      return "POLYHOST_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
  }

  static final List<Key> ALL =
      List.of(
          new Key("data-dir", "\"data\"", (c, v, base) -> c.withDataDir(base.resolve(v))),
          new Key(
              "artifacts-dir",
              "\"artifacts/deploy\"",
              (c, v, base) -> c.withArtifactsDir(base.resolve(v))),
          new Key("public-api", "\"127.0.0.1:8200\"", (c, v, base) -> c.withPublicApi(address(v))),
          new Key(
              "private-api", "\"127.0.0.1:8091\"", (c, v, base) -> c.withPrivateApi(address(v))),
          new Key(
              "http.max-batch-transactions",
              "1000",
              (c, v, base) -> c.withBatchLimits(integer(v), c.maxBatchBytes())),
          new Key(
              "http.max-batch-bytes",
              "8388608",
              (c, v, base) -> c.withBatchLimits(c.maxBatchTransactions(), integer(v))),
          new Key(
              "log.format", "\"text\" or \"json\"", (c, v, base) -> c.withLogFormat(format(v))));

  private ConfigKeys() {}

  static Optional<Key> find(String name) {
    return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  /**
   * The key an unknown name was probably meant to be, e.g. {@code data-dir} for {@code data_dir}.
   */
  static Optional<String> suggest(String unknown) {
    String wanted = normalise(unknown);
    return ALL.stream()
        .map(Key::name)
        .filter(n -> normalise(n).equals(wanted) || normalise(tail(n)).equals(wanted))
        .findFirst();
  }

  static List<String> names() {
    return ALL.stream().map(Key::name).toList();
  }

  private static String tail(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static String normalise(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
  }

  private static ListenAddress address(String value) {
    int colon = value.lastIndexOf(':');
    try {
      return new ListenAddress(
          value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
    } catch (IndexOutOfBoundsException | NumberFormatException e) {
      throw new IllegalArgumentException("must be host:port, e.g. 127.0.0.1:8200");
    }
  }

  private static int integer(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number");
    }
  }

  private static LogFormat format(String value) {
    for (LogFormat format : LogFormat.values()) {
      if (format.key().equals(value.strip().toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new IllegalArgumentException("must be \"text\" or \"json\"");
  }
}
