package io.polyhost.host.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A new service project in Java or JavaScript, written from the templates under {@code templates/}
 * with the service's name and the versions this build of Polyhost was made with.
 */
final class ServiceTemplate {
  /** Artifact names new projects may take: also a Maven artifactId and a folder name. */
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  private static final int MAX_NAME = 64;

  enum Language {
    JAVA,
    JS
  }

  private final Language language;
  private final String name;
  private final String packageName;
  private final String type;
  private final Map<String, String> values = new LinkedHashMap<>();

  ServiceTemplate(Language language, String name) {
    if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "A service name is lower-case letters and digits in dash-separated words, starting with a"
              + " letter, at most "
              + MAX_NAME
              + " characters (e.g. hello or my-counter), not '"
              + name
              + "'");
    }
    this.language = language;
    this.name = name;
    Properties build = buildProperties();
    String bare = name.replace("-", "");
    this.packageName = "com.example." + bare;
    this.type = className(name);
    values.put("@NAME@", name);
    values.put("@CLASS@", type);
    values.put("@PACKAGE@", packageName);
    values.put("@PROTO_PACKAGE@", "example." + bare);
    values.put("@POLYHOST_VERSION@", required(build, "polyhost.version"));
    values.put("@PROTOBUF_VERSION@", required(build, "protobuf.version"));
    values.put("@PROTOBUF_PLUGIN_VERSION@", required(build, "protobuf.plugin.version"));
    values.put("@JUNIT_VERSION@", required(build, "junit.version"));
    values.put("@ASSERTJ_VERSION@", required(build, "assertj.version"));
  }

  /** {@code my-counter} → {@code MyCounter}. */
  static String className(String name) {
    StringBuilder out = new StringBuilder();
    for (String word : name.split("-")) {
      out.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
    }
    return out.toString();
  }

  /**
   * Writes the project into {@code dir}, which must not exist or be empty.
   *
   * @return the files written, relative to {@code dir}
   */
  Map<Path, String> write(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(
              dir + " exists and is not empty; choose another --dir or name");
        }
      }
    }
    Map<Path, String> files = files();
    for (var file : files.entrySet()) {
      Path target = dir.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
    return files;
  }

  private Map<Path, String> files() {
    String packagePath = packageName.replace('.', '/');
    Map<Path, String> files = new LinkedHashMap<>();
    files.put(
        Path.of("README.md"),
        render(language == Language.JAVA ? "java/README.md" : "js/README.md"));
    if (language == Language.JAVA) {
      files.put(Path.of("pom.xml"), render("java/pom.xml"));
      files.put(Path.of("src/main/proto", name + ".proto"), render("java/service.proto"));
      files.put(
          Path.of("src/main/java", packagePath, type + "Service.java"),
          render("java/Service.java"));
      files.put(
          Path.of("src/main/java", packagePath, type + "Factory.java"),
          render("java/Factory.java"));
      files.put(
          Path.of("src/test/java", packagePath, type + "ServiceIT.java"),
          render("java/ServiceIT.java"));
    } else {
      files.put(Path.of("pom.xml"), render("js/pom.xml"));
      files.put(Path.of("src/main/js", name + "-1.0.0.mjs"), render("js/service.mjs"));
      files.put(
          Path.of("src/test/java", packagePath, type + "ServiceTest.java"),
          render("js/ServiceTest.java"));
    }
    return files;
  }

  private String render(String template) {
    String text = resource("templates/" + template + ".tmpl");
    for (var value : values.entrySet()) {
      text = text.replace(value.getKey(), value.getValue());
    }
    return text;
  }

  private static String resource(String path) {
    try (InputStream in = ServiceTemplate.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("The build lacks the template " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String required(Properties build, String key) {
    String value = build.getProperty(key);
    if (value == null) {
      throw new IllegalStateException("polyhost-build.properties lacks " + key);
    }
    return value;
  }

  private static Properties buildProperties() {
    Properties properties = new Properties();
    try (InputStream in = ServiceTemplate.class.getResourceAsStream("polyhost-build.properties")) {
      if (in == null) {
        throw new IllegalStateException("The build lacks polyhost-build.properties");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
