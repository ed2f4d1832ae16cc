package io.polyhost.host.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Gives a new project the Maven wrapper Polyhost itself builds with, so it needs no Maven. */
final class MavenWrapper {
  private MavenWrapper() {}

  /**
   * Copies {@code mvnw} and {@code .mvn/wrapper/maven-wrapper.properties} from {@code home} (the
   * Polyhost checkout) into {@code project}.
   *
   * @throws IllegalStateException if {@code home} has no wrapper
   */
  static void copy(Path home, Path project) throws IOException {
    Path script = home.resolve("mvnw");
    Path properties = home.resolve(".mvn/wrapper/maven-wrapper.properties");
    if (!Files.isRegularFile(script) || !Files.isRegularFile(properties)) {
      throw new IllegalStateException(
          "No Maven wrapper in "
              + home
              + " to copy; run new-service through the ./polyhost launcher of a Polyhost checkout");
    }
    Path target = project.resolve("mvnw");
    Files.copy(script, target);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path wrapper = Files.createDirectories(project.resolve(".mvn/wrapper"));
    Files.copy(properties, wrapper.resolve("maven-wrapper.properties"));
  }
}
