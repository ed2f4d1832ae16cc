package org.example.polyhost.counter;

import java.util.HexFormat;

/**
 * The little JSON the read endpoint writes. Artifacts cannot use the node's JSON library (the node
 * shares only the service API and protobuf with them), and quoting user text is all it takes.
 */
final class JsonText {
  private static final HexFormat HEX = HexFormat.of();

  private JsonText() {}

  /** {@code text} as a JSON string literal, quotes included. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u").append(HEX.toHexDigits(c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
