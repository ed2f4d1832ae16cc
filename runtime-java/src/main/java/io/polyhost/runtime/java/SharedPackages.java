package io.polyhost.runtime.java;

import java.util.List;

/**
 * The packages artifacts share with the host rather than bring themselves; see the package
 * description for why each is here. Artifact JARs must not contain classes in them.
 */
final class SharedPackages {
  private static final List<String> PREFIXES =
      List.of("java.", "io.polyhost.", "com.google.protobuf.", "org.jspecify.annotations.");

  /** The host packages the gate exposes; the rest of {@code io.polyhost} stays hidden. */
  private static final List<String> EXPOSED =
      List.of("io.polyhost.api.", "com.google.protobuf.", "org.jspecify.annotations.");

  private SharedPackages() {}

  /** Whether a class of this binary name must come from the host, never from an artifact. */
  static boolean isShared(String className) {
    return PREFIXES.stream().anyMatch(className::startsWith);
  }

  /** Whether the gate passes this class of the host's class path on to artifacts. */
  static boolean isExposed(String className) {
    return EXPOSED.stream().anyMatch(className::startsWith);
  }

  /** For messages: what artifacts share with the host. */
  static String describe() {
    return "the JDK, io.polyhost.api.*, com.google.protobuf.* and org.jspecify.annotations.*";
  }
}
