package io.polyhost.host.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks a configuration must pass before a node starts with it: settings that clash with each
 * other or with the file system. Each problem says what to change.
 */
public final class StartChecks {
  private StartChecks() {}

  /**
   * Checks {@code config}.
   *
   * @throws InvalidConfigException listing every problem
   */
  public static NodeConfig require(NodeConfig config) {
    List<String> problems = new ArrayList<>();
    if (config.publicApi().port() != 0 && config.publicApi().equals(config.privateApi())) {
      problems.add(
          "public-api and private-api are both "
              + config.publicApi()
              + "; give them different ports (--public-port, --private-port)");
    }
    folder(config.dataDir(), "data-dir", problems);
    folder(config.artifactsDir(), "artifacts-dir", problems);
    InvalidConfigException.throwIfAny("The node configuration", problems);
    return config;
  }

  /** Whether the private API is reachable only from this machine. */
  public static boolean privateApiOnLoopback(NodeConfig config) {
    String host = config.privateApi().host();
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  private static void folder(Path dir, String key, List<String> problems) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      problems.add(key + " " + dir + " is a file, not a folder; point " + key + " at a folder");
      return;
    }
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !Files.isWritable(existing)) {
      problems.add(
          key
              + " "
              + dir
              + " cannot be written ("
              + existing
              + " is read-only for this user); choose another folder or fix its permissions");
    }
  }
}
