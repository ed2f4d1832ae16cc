package io.polyhost.runtime.java;

import com.google.protobuf.Message;
import io.polyhost.api.service.ServiceFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jspecify.annotations.NullMarked;

/**
 * Compiles artifact sources inside a test, against exactly what artifacts see of the host (the
 * service API, protobuf, jspecify), and returns the class files as JAR entries.
 */
final class FixtureCompiler {
  private FixtureCompiler() {}

  /** Compiles {@code sources} (binary class name → source) into entry name → class bytes. */
  static Map<String, byte[]> compile(Map<String, String> sources) {
    try {
      Path root = Files.createTempDirectory("polyhost-fixture");
      Path src = root.resolve("src");
      Path out = Files.createDirectories(root.resolve("classes"));
      List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", classPath()));
      args.addAll(List.of("--release", "25", "-proc:none", "-nowarn"));
      for (var source : sources.entrySet()) {
        Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        args.add(file.toString());
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      if (javac.run(null, log, log, args.toArray(String[]::new)) != 0) {
        throw new IllegalStateException("Fixture sources do not compile:\n" + log);
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
