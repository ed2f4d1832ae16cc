package io.polyhost.client;

import java.util.HexFormat;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads fields of a node's answer, each with a {@link MalformedAnswerException} that names the
 * field and the answer when it is missing or of the wrong type.
 */
final class Answers {
  private Answers() {}

  static JsonNode object(JsonNode parent, String field, String what) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw missing(parent, field, "an object", what);
    }
    return node;
  }

  static String text(JsonNode parent, String field, String what) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isString()) {
      throw missing(parent, field, "a string", what);
    }
    return node.asString();
  }

  static Optional<String> optionalText(JsonNode parent, String field, String what) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isString()) {
      throw missing(parent, field, "a string", what);
    }
    return Optional.of(node.asString());
  }

  static long number(JsonNode parent, String field, String what) {
    JsonNode node = parent.get(field);
    if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
      return node.asLong();
    }
    if (node != null && node.isString()) {
      try {
        return Long.parseLong(node.asString());
      } catch (NumberFormatException e) {
        // Reported below, like any other wrong type.
      }
    }
    throw missing(parent, field, "an integer", what);
  }

  static byte[] hex(JsonNode parent, String field, String what) {
    String text = text(parent, field, what);
    try {
      return HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedAnswerException(
          "The " + what + " has '" + field + "' that is not hex: " + NodeHttp.abbreviate(text), e);
    }
  }

  static MalformedAnswerException missing(
      JsonNode parent, String field, String expected, String what) {
    JsonNode found = parent.get(field);
    return new MalformedAnswerException(
        "The "
            + what
            + (found == null ? " has no '" + field + "'" : "'s '" + field + "' is not " + expected)
            + "; the node answered "
            + NodeHttp.abbreviate(parent.toString()));
  }
}
