package io.polyhost.api.runtime;

/** Checks names made of a fixed set of ASCII characters, with messages that say what is wrong. */
final class Names {
  private Names() {}

  /**
   * Checks that {@code name} is non-empty, at most {@code maxLength} characters and made of {@code
   * a-z A-Z 0-9 _ -} plus the characters in {@code extra}.
   *
   * @param kind what is named, capitalized, e.g. {@code Artifact}
   * @throws IllegalArgumentException naming the first offending character and its position
   */
  static void check(String kind, String name, int maxLength, String extra) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException(kind + " name must not be empty");
    }
    if (name.length() > maxLength) {
      throw new IllegalArgumentException(
          kind
              + " name is "
              + name.length()
              + " characters long; at most "
              + maxLength
              + " are allowed");
    }
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-'
              || (c < 128 && extra.indexOf(c) >= 0);
      if (!ok) {
        throw new IllegalArgumentException(
            kind
                + " name '"
                + name
                + "' contains an illegal character '"
                + Character.toString(c)
                + "' at position "
                + i
                + "; allowed are a-z, A-Z, 0-9, '_', '-'"
                + describe(extra));
      }
      i += Character.charCount(c);
    }
  }

  private static String describe(String extra) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < extra.length(); i++) {
      text.append(i == extra.length() - 1 ? " and '" : ", '").append(extra.charAt(i)).append('\'');
    }
    return text.toString();
  }
}
