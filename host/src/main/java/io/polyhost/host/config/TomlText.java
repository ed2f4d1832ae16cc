package io.polyhost.host.config;

import java.nio.file.Path;

/**
 * A node configuration as TOML text with a comment on each setting, so an operator can edit a
 * generated file without looking anything up.
 */
final class TomlText {
  private TomlText() {}

  static String of(NodeConfig config, Path folder) {
    return "# Polyhost node configuration. Relative folders are taken from this file's folder.\n"
        + "# Every setting can be overridden by an environment variable: POLYHOST_ and the key in\n"
        + "# upper case with dots and dashes as underscores (POLYHOST_PUBLIC_API,"
        + " POLYHOST_LOG_FORMAT, ...).\n\n"
        + "# Keys, genesis and database.\n"
        + "data-dir = "
        + quote(NodeConfigFile.relative(folder, config.dataDir()))
        + "\n# Where runtimes find artifacts to deploy.\n"
        + "artifacts-dir = "
        + quote(NodeConfigFile.relative(folder, config.artifactsDir()))
        + "\n# Explorer and service endpoints.\n"
        + "public-api = "
        + quote(config.publicApi().toString())
        + "\n# System and administration endpoints: keep it on loopback unless a firewall guards it.\n"
        + "private-api = "
        + quote(config.privateApi().toString())
        + "\n\n[http]\n# Limits of POST /api/explorer/v1/transactions/batch.\n"
        + "max-batch-transactions = "
        + config.maxBatchTransactions()
        + "\nmax-batch-bytes = "
        + config.maxBatchBytes()
        + "\n\n[log]\n# \"text\" for people, \"json\" for log collectors.\n"
        + "format = "
        + quote(config.logFormat().key())
        + "\n";
  }

  /** A TOML basic string. */
  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
