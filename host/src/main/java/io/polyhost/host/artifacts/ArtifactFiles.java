package io.polyhost.host.artifacts;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.service.ArtifactManifest;
import io.polyhost.api.service.JavaArtifactSpec;
import io.polyhost.runtime.js.JsDeploySpec;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what an artifact file declares, without loading or running anything from it: a JAR's {@code
 * Polyhost-*} manifest entries, a JavaScript module's {@code export const artifact = { name,
 * version }}. The runtimes check everything again, and more, when they deploy.
 */
final class ArtifactFiles {
  /** Files larger than this are not read (the runtimes refuse them too). */
  static final long MAX_SIZE = 64L * 1024 * 1024;

  private static final Pattern JS_DECLARATION =
      Pattern.compile("export\\s+const\\s+artifact\\s*=\\s*\\{([^}]*)\\}", Pattern.MULTILINE);
  private static final Pattern JS_FIELD =
      Pattern.compile("\\b(name|version)\\s*:\\s*(\"([^\"]*)\"|'([^']*)')");

  private ArtifactFiles() {}

  /** Whether {@code name} is a file a writer is still producing or a hidden file: never listed. */
  static boolean ignored(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return name.startsWith(".")
        || lower.endsWith(".tmp")
        || lower.endsWith(".part")
        || lower.endsWith(".partial")
        || lower.endsWith(".crdownload")
        || lower.endsWith("~");
  }

  /**
   * What {@code file} holds.
   *
   * @throws IOException if it cannot be read
   */
  static AvailableArtifact inspect(Path file) throws IOException {
    String name = file.getFileName().toString();
    long size = Files.size(file);
    if (size > MAX_SIZE) {
      return AvailableArtifact.unusable(
          name, size, Hash.zero(), "the file is larger than " + MAX_SIZE + " bytes");
    }
    byte[] bytes = Files.readAllBytes(file);
    Hash sha256 = Hash.sha256(bytes);
    String lower = name.toLowerCase(Locale.ROOT);
    try {
      if (lower.endsWith(".jar")) {
        ArtifactId id = javaArtifact(file);
        return AvailableArtifact.usable(
            name, size, sha256, id, new JavaArtifactSpec(name, sha256).toBytes());
      }
      if (lower.endsWith(".mjs")) {
        ArtifactId id = jsArtifact(bytes);
        return AvailableArtifact.usable(
            name, size, sha256, id, new JsDeploySpec(name, sha256).toBytes());
      }
      if (lower.endsWith(".zip")) {
        ArtifactId id = bundleArtifact(file);
        // A bundle's hash covers its paths and contents, not the zip's bytes.
        return AvailableArtifact.usable(name, size, sha256, id, JsDeploySpec.of(file).toBytes());
      }
      if (lower.endsWith(".js")) {
        throw new IllegalArgumentException(
            "a JavaScript artifact is an ES module named .mjs (or a .zip bundle); rename the file");
      }
    } catch (IllegalArgumentException e) {
      return AvailableArtifact.unusable(name, size, sha256, String.valueOf(e.getMessage()));
    }
    return AvailableArtifact.unusable(
        name,
        size,
        sha256,
        "not an artifact file: Java artifacts are .jar files, JavaScript artifacts .mjs modules"
            + " or .zip bundles");
  }

  private static ArtifactId javaArtifact(Path file) throws IOException {
    try (JarFile jar = new JarFile(file.toFile(), false)) {
      var manifest = jar.getManifest();
      if (manifest == null) {
        throw new IllegalArgumentException("the JAR has no manifest with Polyhost-* entries");
      }
      Attributes main = manifest.getMainAttributes();
      String runtime = main.getValue(ArtifactManifest.RUNTIME);
      if (!ArtifactManifest.JAVA_RUNTIME.equals(runtime)) {
        throw new IllegalArgumentException(
            "the manifest's "
                + ArtifactManifest.RUNTIME
                + " is "
                + (runtime == null ? "missing" : "'" + runtime + "'")
                + "; a Java artifact declares '"
                + ArtifactManifest.JAVA_RUNTIME
                + "'");
      }
      return new ArtifactId(
          RuntimeId.JAVA,
          required(main, ArtifactManifest.ARTIFACT_NAME),
          Version.parse(required(main, ArtifactManifest.ARTIFACT_VERSION)));
    } catch (java.util.zip.ZipException e) {
      throw new IllegalArgumentException("the file is not a valid JAR: " + e.getMessage(), e);
    }
  }

  private static final Pattern BUNDLE_FIELD =
      Pattern.compile("\"(name|version)\"\\s*:\\s*\"([^\"]*)\"");

  /** The name and version in a zipped bundle's {@code polyhost-bundle.json}. */
  private static ArtifactId bundleArtifact(Path file) throws IOException {
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
      var entry = zip.getEntry("polyhost-bundle.json");
      if (entry == null) {
        throw new IllegalArgumentException(
            "the zip has no polyhost-bundle.json at its root, so it is not a bundle");
      }
      String manifest;
      try (var in = zip.getInputStream(entry)) {
        manifest = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      }
      String name = null;
      String version = null;
      Matcher field = BUNDLE_FIELD.matcher(manifest);
      while (field.find()) {
        if (field.group(1).equals("name")) {
          name = field.group(2);
        } else {
          version = field.group(2);
        }
      }
      if (name == null || version == null) {
        throw new IllegalArgumentException(
            "polyhost-bundle.json needs string fields name and version");
      }
      return new ArtifactId(RuntimeId.JAVASCRIPT, name, Version.parse(version));
    } catch (java.util.zip.ZipException e) {
      throw new IllegalArgumentException("the file is not a valid zip: " + e.getMessage(), e);
    }
  }

  private static String required(Attributes main, String key) {
    String value = main.getValue(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the manifest has no " + key + " entry");
    }
    return value.trim();
  }

  private static ArtifactId jsArtifact(byte[] bytes) {
    String source;
    try {
      source =
          StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the module is not UTF-8 text", e);
    }
    Matcher declaration = JS_DECLARATION.matcher(source);
    if (!declaration.find()) {
      throw new IllegalArgumentException(
          "the module declares no artifact; add export const artifact = { name: \"...\","
              + " version: \"1.0.0\" }");
    }
    String name = null;
    String version = null;
    Matcher field = JS_FIELD.matcher(declaration.group(1));
    while (field.find()) {
      String value = field.group(3) != null ? field.group(3) : field.group(4);
      if (field.group(1).equals("name")) {
        name = value;
      } else {
        version = value;
      }
    }
    if (name == null || version == null) {
      throw new IllegalArgumentException(
          "the artifact declaration needs a string name and a string version");
    }
    return new ArtifactId(RuntimeId.JAVASCRIPT, name, Version.parse(version));
  }
}
