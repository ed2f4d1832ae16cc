package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.JavaRuntimeError.INCOMPATIBLE_API;
import static io.polyhost.runtime.java.JavaRuntimeError.INVALID_MANIFEST;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.runtime.VersionReq;
import io.polyhost.api.service.ArtifactManifest;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What an artifact's manifest declares, checked against the artifact id it is deployed as.
 *
 * @param factoryClass the binary name of the service factory
 * @param migrationsClass the binary name of the migration provider, if any
 */
record ArtifactDescriptor(String factoryClass, Optional<String> migrationsClass) {
  private static final Pattern BINARY_NAME =
      Pattern.compile(
          "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}$]*"
              + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}$]*)*");

  /**
   * Reads and checks {@code manifest} for a deploy of {@code requested}.
   *
   * @throws io.polyhost.api.error.ExecutionException with {@link JavaRuntimeError#INVALID_MANIFEST}
   *     if an attribute is missing or malformed, or the name or version differs from {@code
   *     requested}, or with {@link JavaRuntimeError#INCOMPATIBLE_API} if the artifact does not
   *     accept {@link ArtifactManifest#API_VERSION}
   */
  static ArtifactDescriptor read(Manifest manifest, ArtifactId requested) {
    Attributes main = manifest.getMainAttributes();
    String runtime = required(main, ArtifactManifest.RUNTIME);
    if (!runtime.equals(ArtifactManifest.JAVA_RUNTIME)) {
      throw INVALID_MANIFEST.exception(
          ArtifactManifest.RUNTIME + " is '" + runtime + "'; a Java artifact says 'java'");
    }
    String name = required(main, ArtifactManifest.ARTIFACT_NAME);
    String version = required(main, ArtifactManifest.ARTIFACT_VERSION);
    if (!name.equals(requested.name()) || !parseVersion(version).equals(requested.version())) {
      throw INVALID_MANIFEST.exception(
          "The JAR is artifact '"
              + name
              + ":"
              + version
              + "' but was deployed as "
              + requested
              + "; the manifest's name and version must equal the deploy request's");
    }
    checkApiVersion(required(main, ArtifactManifest.API_VERSION_RANGE));
    String factory = className(main, ArtifactManifest.SERVICE_FACTORY);
    String migrations = optional(main, ArtifactManifest.MIGRATIONS);
    return new ArtifactDescriptor(
        factory,
        migrations == null
            ? Optional.empty()
            : Optional.of(className(main, ArtifactManifest.MIGRATIONS)));
  }

  private static void checkApiVersion(String range) {
    VersionReq req;
    try {
      req = VersionReq.parse(range);
    } catch (IllegalArgumentException e) {
      throw INVALID_MANIFEST.exception(
          ArtifactManifest.API_VERSION_RANGE + " is malformed: " + e.getMessage());
    }
    if (!req.matches(ArtifactManifest.API_VERSION)) {
      throw INCOMPATIBLE_API.exception(
          "The artifact accepts service API versions '"
              + req
              + "' but this node provides "
              + ArtifactManifest.API_VERSION
              + "; rebuild it against this API");
    }
  }

  private static Version parseVersion(String text) {
    try {
      return Version.parse(text);
    } catch (IllegalArgumentException e) {
      throw INVALID_MANIFEST.exception(
          ArtifactManifest.ARTIFACT_VERSION + " is malformed: " + e.getMessage());
    }
  }

  private static String className(Attributes main, String key) {
    String name = required(main, key);
    if (!BINARY_NAME.matcher(name).matches()) {
      throw INVALID_MANIFEST.exception(key + " '" + name + "' is not a Java class name");
    }
    if (SharedPackages.isShared(name)) {
      throw INVALID_MANIFEST.exception(
          key + " '" + name + "' names a host class; it must name a class in the JAR");
    }
    return name;
  }

  private static String required(Attributes main, String key) {
    String value = optional(main, key);
    if (value == null) {
      throw INVALID_MANIFEST.exception(
          "The manifest lacks the attribute " + key + "; see ArtifactManifest for what it needs");
    }
    return value;
  }

  private static @Nullable String optional(Attributes main, String key) {
    String value = main.getValue(key);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
