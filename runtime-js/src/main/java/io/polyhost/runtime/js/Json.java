package io.polyhost.runtime.js;

/** The little JSON the host writes for the guest (call information, child call failures). */
final class Json {
  /** The deepest nesting of arrays and objects accepted in JSON arguments. */
  static final int MAX_DEPTH = 256;

  private Json() {}

  /**
   * How deeply arrays and objects nest in the JSON text {@code utf8}, brackets inside strings not
   * counted; well-formedness is left to the parser.
   */
  static int nestingDepth(byte[] utf8) {
    int depth = 0;
    int max = 0;
    boolean inString = false;
    for (int i = 0; i < utf8.length; i++) {
      byte b = utf8[i];
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '[' || b == '{') {
        max = Math.max(max, ++depth);
      } else if (b == ']' || b == '}') {
        depth--;
      }
    }
    return max;
  }

  /** {@code text} as a JSON string literal. */
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
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
