package org.example.polyhost.counter;

import java.nio.file.Files;
import java.nio.file.Path;

/** The JAR the build packaged, which the integration tests deploy as a node would. */
final class PackagedJar {
  private PackagedJar() {}

  /**
   * The packaged artifact.
   *
   * @throws IllegalStateException if the build did not say where it is or did not make it
   */
  static Path path() {
    String name = System.getProperty("polyhost.artifact.jar");
    if (name == null) {
      throw new IllegalStateException(
          "polyhost.artifact.jar is not set: run the *IT tests through Maven (failsafe sets it),"
              + " e.g. ./mvnw -pl artifacts/java/counter-v1 -am verify");
    }
    Path jar = Path.of(name);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist: package the module first");
    }
    return jar;
  }
}
