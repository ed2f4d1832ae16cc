package io.polyhost.runtime.java;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.service.ArtifactManifest;
import io.polyhost.api.service.JavaArtifactSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/** Builds an artifact JAR for a test: a manifest, entries, and the deploy spec for it. */
final class FixtureJar {
  private final Map<String, String> attributes = new LinkedHashMap<>();
  private final Map<String, byte[]> entries = new LinkedHashMap<>();
  private boolean withManifest = true;

  /** A JAR of {@code classes} whose manifest declares {@code artifact} made by {@code factory}. */
  static FixtureJar of(ArtifactId artifact, String factory, Map<String, byte[]> classes) {
    FixtureJar jar = new FixtureJar();
    jar.attribute(ArtifactManifest.RUNTIME, ArtifactManifest.JAVA_RUNTIME)
        .attribute(ArtifactManifest.ARTIFACT_NAME, artifact.name())
        .attribute(ArtifactManifest.ARTIFACT_VERSION, artifact.version().toString())
        .attribute(ArtifactManifest.API_VERSION_RANGE, "^1.0")
        .attribute(ArtifactManifest.SERVICE_FACTORY, factory);
    jar.entries.putAll(classes);
    return jar;
  }

  /** Sets a main manifest attribute; {@code null} removes it. */
  FixtureJar attribute(String key, @org.jspecify.annotations.Nullable String value) {
    if (value == null) {
      attributes.remove(key);
    } else {
      attributes.put(key, value);
    }
    return this;
  }

  FixtureJar entry(String name, byte[] data) {
    entries.put(name, data);
    return this;
  }

  FixtureJar withoutManifest() {
    withManifest = false;
    return this;
  }

  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JarOutputStream jar =
        withManifest ? new JarOutputStream(out, manifest()) : new JarOutputStream(out)) {
      for (var entry : entries.entrySet()) {
        jar.putNextEntry(new ZipEntry(entry.getKey()));
        jar.write(entry.getValue());
        jar.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes the JAR as {@code fileName} into {@code directory}; returns its deploy spec. */
  byte[] writeTo(Path directory, String fileName) {
    byte[] bytes = bytes();
    try {
      Files.write(directory.resolve(fileName), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new JavaArtifactSpec(fileName, Hash.sha256(bytes)).toBytes();
  }

  private Manifest manifest() {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.forEach(main::putValue);
    return manifest;
  }
}
