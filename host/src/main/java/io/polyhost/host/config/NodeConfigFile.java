package io.polyhost.host.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A node configuration file in JSON, with kebab-case keys, every one optional:
 *
 * <pre>
 * {"data-dir": ".", "artifacts-dir": "/srv/artifacts",
 *  "public-api": "127.0.0.1:8200", "private-api": "127.0.0.1:8091"}
 * </pre>
 *
 * <p>Relative folders are taken from the file's own folder, so a generated folder can be moved.
 * Unknown keys are refused: a misspelt key silently ignored is a setting the operator thinks they
 * made.
 */
public final class NodeConfigFile {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Set<String> KEYS =
      Set.of("data-dir", "artifacts-dir", "public-api", "private-api");

  private NodeConfigFile() {}

  /**
   * {@code base} with the settings of {@code file} applied.
   *
   * @throws IllegalArgumentException naming the file and the key if a setting is malformed
   * @throws UncheckedIOException if the file cannot be read
   */
  public static NodeConfig read(Path file, NodeConfig base) {
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the node configuration " + file, e);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "The node configuration " + file + " is not JSON: " + e.getOriginalMessage(), e);
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(
          "The node configuration " + file + " must be a JSON object with keys " + KEYS);
    }
    Path folder = Objects.requireNonNull(file.toAbsolutePath().getParent());
    NodeConfig config = base;
    for (String key : root.propertyNames()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "Unknown key '" + key + "' in " + file + "; the keys are " + KEYS);
      }
      String value = text(file, key, root.get(key));
      config =
          switch (key) {
            case "data-dir" -> config.withDataDir(folder.resolve(value));
            case "artifacts-dir" -> config.withArtifactsDir(folder.resolve(value));
            case "public-api" ->
                new NodeConfig(
                    config.dataDir(),
                    config.artifactsDir(),
                    address(file, key, value),
                    config.privateApi());
            default ->
                new NodeConfig(
                    config.dataDir(),
                    config.artifactsDir(),
                    config.publicApi(),
                    address(file, key, value));
          };
    }
    return config;
  }

  /**
   * Writes {@code config} to {@code file}, folders relative to the file's folder where possible.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(Path file, NodeConfig config) {
    Path folder = Objects.requireNonNull(file.toAbsolutePath().getParent());
    Map<String, String> json = new LinkedHashMap<>();
    json.put("data-dir", relative(folder, config.dataDir()));
    json.put("artifacts-dir", relative(folder, config.artifactsDir()));
    json.put("public-api", config.publicApi().toString());
    json.put("private-api", config.privateApi().toString());
    try {
      Files.createDirectories(folder);
      Files.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the node configuration " + file, e);
    }
  }

  private static String relative(Path folder, Path dir) {
    String text = folder.relativize(dir.toAbsolutePath().normalize()).toString();
    return text.isEmpty() ? "." : text;
  }

  private static String text(Path file, String key, JsonNode value) {
    if (!value.isString()) {
      throw new IllegalArgumentException(
          "'" + key + "' in " + file + " must be a string, got " + value);
    }
    return value.asString();
  }

  private static ListenAddress address(Path file, String key, String value) {
    int colon = value.lastIndexOf(':');
    try {
      return new ListenAddress(
          value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'"
              + key
              + "' in "
              + file
              + " must be host:port, e.g. 127.0.0.1:8200; got '"
              + value
              + "'",
          e);
    }
  }
}
