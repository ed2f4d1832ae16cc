package io.polyhost.host.supervisor;

import com.google.protobuf.Message;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.service.ArtifactManifest;
import io.polyhost.api.service.ServiceFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import javax.tools.ToolProvider;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/** Real artifact JARs built by the tests: Java sources compiled against the service API. */
final class ServiceJars {
  private ServiceJars() {}

  /**
   * Compiles {@code sources} (class name → source) and packs them into a JAR declaring {@code
   * artifact}, made by {@code factory}, with migrations from {@code migrations} if not null.
   */
  static byte[] build(
      ArtifactId artifact,
      String factory,
      @Nullable String migrations,
      Map<String, String> sources) {
    try {
      Path root = Files.createTempDirectory("service-jar");
      Path src = Files.createDirectories(root.resolve("src"));
      Path out = Files.createDirectories(root.resolve("classes"));
      List<String> args =
          new ArrayList<>(List.of("-d", out.toString(), "-cp", classPath(), "-proc:none"));
      for (var source : sources.entrySet()) {
        Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        args.add(file.toString());
      }
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      int status =
          ToolProvider.getSystemJavaCompiler().run(null, null, errors, args.toArray(String[]::new));
      if (status != 0) {
        throw new IllegalStateException(
            "Compilation failed:\n" + errors.toString(StandardCharsets.UTF_8));
      }
      Manifest manifest = new Manifest();
      Attributes main = manifest.getMainAttributes();
      main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
      main.putValue(ArtifactManifest.RUNTIME, ArtifactManifest.JAVA_RUNTIME);
      main.putValue(ArtifactManifest.ARTIFACT_NAME, artifact.name());
      main.putValue(ArtifactManifest.ARTIFACT_VERSION, artifact.version().toString());
      main.putValue(ArtifactManifest.API_VERSION_RANGE, "^1.0");
      main.putValue(ArtifactManifest.SERVICE_FACTORY, factory);
      if (migrations != null) {
        main.putValue(ArtifactManifest.MIGRATIONS, migrations);
      }
      ByteArrayOutputStream jar = new ByteArrayOutputStream();
      try (JarOutputStream stream = new JarOutputStream(jar, manifest);
          var files = Files.walk(out)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          stream.putNextEntry(new ZipEntry(out.relativize(file).toString().replace('\\', '/')));
          stream.write(Files.readAllBytes(file));
          stream.closeEntry();
        }
      }
      return jar.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String classPath() {
    return String.join(
        java.io.File.pathSeparator,
        location(ServiceFactory.class),
        location(Message.class),
        location(NullMarked.class));
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
