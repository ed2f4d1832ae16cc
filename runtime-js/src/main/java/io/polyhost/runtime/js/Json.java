package io.polyhost.runtime.js;

/** Limits on the JSON the guest receives (its quoting is {@code JsonStrings.quote} of the api). */
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
}
