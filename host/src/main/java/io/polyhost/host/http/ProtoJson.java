package io.polyhost.host.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.polyhost.api.runtime.ArtifactId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Protobuf messages as the API's JSON (the protobuf JSON mapping): snake_case field names, 64-bit
 * numbers as strings (numbers are accepted too), bytes as base64, and, for people, 32-byte hashes
 * and keys as hex strings. On input an artifact may also be written as {@code
 * "runtime:name:version"} and a hash or key as hex.
 */
final class ProtoJson {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().preservingProtoFieldNames().alwaysPrintFieldsWithNoPresence();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();
  private static final Set<String> ARTIFACT_FIELDS =
      Set.of("artifact", "new_artifact", "artifact_id");
  private static final Set<String> KEY_FIELDS =
      Set.of("propose_hash", "consensus_key", "service_key", "hash", "reference_state_hash");

  private ProtoJson() {}

  /** {@code message} as a JSON tree, hashes and keys in hex. */
  static JsonNode print(Message message) {
    try {
      return humanize(MAPPER.readTree(PRINTER.print(message)));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("Cannot print " + message.getDescriptorForType(), e);
    }
  }

  /**
   * Reads {@code json} into {@code builder}.
   *
   * @throws ApiProblem 400 saying which field is wrong
   */
  static <B extends Message.Builder> B parse(JsonNode json, B builder, String what) {
    if (!json.isObject()) {
      throw ApiProblem.badRequest("The body must be a JSON object (a " + what + ")");
    }
    try {
      PARSER.merge(MAPPER.writeValueAsString(machine(json.deepCopy())), builder);
      return builder;
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw ApiProblem.badRequest("The body is not a valid " + what + ": " + e.getMessage());
    }
  }

  private static JsonNode humanize(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.size() == 1 && object.has("data") && object.get("data").isString()) {
        byte[] bytes = Base64.getDecoder().decode(object.get("data").asString());
        if (bytes.length == 32) {
          return MAPPER.getNodeFactory().stringNode(HexFormat.of().formatHex(bytes));
        }
      }
      for (String name : java.util.List.copyOf(object.propertyNames())) {
        object.set(name, humanize(object.get(name)));
      }
    } else if (node.isArray()) {
      var array = (tools.jackson.databind.node.ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, humanize(array.get(i)));
      }
    }
    return node;
  }

  private static JsonNode machine(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (String name : java.util.List.copyOf(object.propertyNames())) {
        JsonNode value = object.get(name);
        if (ARTIFACT_FIELDS.contains(name) && value.isString()) {
          ArtifactId id = ArtifactId.parse(value.asString());
          ObjectNode artifact = MAPPER.createObjectNode();
          artifact.put("runtime_id", id.runtimeId());
          artifact.put("name", id.name());
          artifact.put("version", id.version().toString());
          object.set(name, artifact);
        } else if (KEY_FIELDS.contains(name) && value.isString()) {
          byte[] bytes;
          try {
            bytes = HexFormat.of().parseHex(value.asString());
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be 64 hex digits", e);
          }
          ObjectNode wrapped = MAPPER.createObjectNode();
          wrapped.put("data", Base64.getEncoder().encodeToString(bytes));
          object.set(name, wrapped);
        } else {
          object.set(name, machine(value));
        }
      }
    } else if (node.isArray()) {
      var array = (tools.jackson.databind.node.ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, machine(array.get(i)));
      }
    }
    return node;
  }
}
