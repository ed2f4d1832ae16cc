package io.polyhost.benchmarks;

import com.google.protobuf.Message;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.service.ArtifactManifest;
import io.polyhost.api.service.JavaArtifactSpec;
import io.polyhost.api.service.ServiceFactory;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.tools.ToolProvider;
import org.jspecify.annotations.NullMarked;

/** Java artifacts for benchmarks: sources compiled with the JDK's compiler, packed as a JAR. */
final class JavaArtifacts {
  private JavaArtifacts() {}

  /** Compiles {@code sources} (binary class name → source) into JAR entry name → class bytes. */
  static Map<String, byte[]> compile(Map<String, String> sources) {
    try {
      Path root = Files.createTempDirectory("polyhost-bench-artifact");
      Path out = Files.createDirectories(root.resolve("classes"));
      List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", classPath()));
      args.addAll(List.of("--release", "25", "-proc:none", "-nowarn"));
      for (var source : sources.entrySet()) {
        Path file = root.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        args.add(file.toString());
      }
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      if (ToolProvider.getSystemJavaCompiler().run(null, log, log, args.toArray(String[]::new))
          != 0) {
        throw new IllegalStateException("Benchmark artifact sources do not compile:\n" + log);
      }
      Map<String, byte[]> classes = new TreeMap<>();
      try (Stream<Path> files = Files.walk(out)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          classes.put(out.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
        }
      }
      return classes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JAR of {@code classes} declaring {@code artifact}, made by {@code factory}. */
  static byte[] jar(ArtifactId artifact, String factory, Map<String, byte[]> classes) {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue(ArtifactManifest.RUNTIME, ArtifactManifest.JAVA_RUNTIME);
    main.putValue(ArtifactManifest.ARTIFACT_NAME, artifact.name());
    main.putValue(ArtifactManifest.ARTIFACT_VERSION, artifact.version().toString());
    main.putValue(ArtifactManifest.API_VERSION_RANGE, "^1.0");
    main.putValue(ArtifactManifest.SERVICE_FACTORY, factory);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
      for (var entry : classes.entrySet()) {
        jar.putNextEntry(new ZipEntry(entry.getKey()));
        jar.write(entry.getValue());
        jar.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes {@code jar} as {@code fileName} into {@code directory}; returns its deploy spec. */
  static byte[] write(byte[] jar, Path directory, String fileName) {
    try {
      Files.write(directory.resolve(fileName), jar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new JavaArtifactSpec(fileName, Hash.sha256(jar)).toBytes();
  }

  private static String classPath() {
    Set<String> paths = new LinkedHashSet<>();
    for (Class<?> type : List.of(ServiceFactory.class, Message.class, NullMarked.class)) {
      try {
        paths.add(
            Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return String.join(File.pathSeparator, paths);
  }
}
