package io.polyhost.host.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * A node configuration file: TOML ({@code *.toml}, what {@code generate-config} writes) or JSON
 * (any other name), with kebab-case keys, every one optional:
 *
 * <pre>
 * data-dir = "."
 * artifacts-dir = "/srv/artifacts"
 * public-api = "127.0.0.1:8200"
 * private-api = "127.0.0.1:8091"
 *
 * [http]
 * max-batch-transactions = 1000
 * max-batch-bytes = 8388608
 *
 * [log]
 * format = "text"    # or "json"
 * </pre>
 *
 * <p>Relative folders are taken from the file's own folder, so a generated folder can be moved.
 * Unknown keys are refused: a misspelt key silently ignored is a setting the operator thinks they
 * made. Every problem of a file is reported at once.
 */
public final class NodeConfigFile {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TomlMapper TOML = TomlMapper.builder().build();

  private NodeConfigFile() {}

  /**
   * {@code base} with the settings of {@code file} applied.
   *
   * @throws InvalidConfigException naming the file and every bad or unknown key
   * @throws UncheckedIOException if the file cannot be read
   */
  public static NodeConfig read(Path file, NodeConfig base) {
    String source = "The node configuration " + file;
    JsonNode root = parse(file, source);
    Path folder = Objects.requireNonNull(file.toAbsolutePath().getParent());
    ConfigAssembly settings = new ConfigAssembly(base);
    visit(root, "", settings, folder);
    return settings.result(source);
  }

  private static JsonNode parse(Path file, String source) {
    ObjectMapper mapper = isToml(file) ? TOML : JSON;
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the node configuration " + file, e);
    }
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JacksonException e) {
      throw new InvalidConfigException(
          source,
          List.of(
              "it is not valid "
                  + (isToml(file) ? "TOML" : "JSON")
                  + ": "
                  + e.getOriginalMessage()
                  + (e.getLocation() == null
                      ? ""
                      : " (line " + e.getLocation().getLineNr() + ")")));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidConfigException(
          source, List.of("it must hold settings such as " + ConfigKeys.names()));
    }
    return root;
  }

  private static void visit(JsonNode table, String prefix, ConfigAssembly settings, Path folder) {
    for (String name : table.propertyNames()) {
      JsonNode value = table.get(name);
      String key = prefix + name;
      if (value.isObject()) {
        visit(value, key + ".", settings, folder);
      } else if (value.isString() || value.isNumber() || value.isBoolean()) {
        settings.apply(key, key, value.isString() ? value.asString() : value.toString(), folder);
      } else {
        settings.problem(key + " must be a single value, not " + value.getNodeType());
      }
    }
  }

  /**
   * Writes {@code config} to {@code file} (TOML if its name ends in {@code .toml}, JSON otherwise),
   * folders relative to the file's folder where possible.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(Path file, NodeConfig config) {
    Path folder = Objects.requireNonNull(file.toAbsolutePath().getParent());
    String text;
    if (isToml(file)) {
      text = TomlText.of(config, folder);
    } else {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("data-dir", relative(folder, config.dataDir()));
      json.put("artifacts-dir", relative(folder, config.artifactsDir()));
      json.put("public-api", config.publicApi().toString());
      json.put("private-api", config.privateApi().toString());
      json.put(
          "http",
          Map.of(
              "max-batch-transactions", config.maxBatchTransactions(),
              "max-batch-bytes", config.maxBatchBytes()));
      json.put("log", Map.of("format", config.logFormat().key()));
      text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    }
    try {
      Files.createDirectories(folder);
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the node configuration " + file, e);
    }
  }

  static String relative(Path folder, Path dir) {
    String text = folder.relativize(dir.toAbsolutePath().normalize()).toString();
    return text.isEmpty() ? "." : text;
  }

  private static boolean isToml(Path file) {
    return file.getFileName().toString().endsWith(".toml");
  }
}
