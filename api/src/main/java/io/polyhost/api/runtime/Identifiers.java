package io.polyhost.api.runtime;

import java.util.List;

/** Rules for the dot-separated identifiers of semantic versions (semver.org §9, §10, §11). */
final class Identifiers {
  private Identifiers() {}

  /**
   * Checks pre-release identifiers: non-empty, {@code [0-9A-Za-z-]}, numeric ones without leading
   * zeros.
   *
   * @throws IllegalArgumentException naming the offending identifier
   */
  static void checkPreRelease(List<String> identifiers) {
    for (String id : identifiers) {
      checkCharacters("pre-release", id);
      if (isNumeric(id) && id.length() > 1 && id.charAt(0) == '0') {
        throw new IllegalArgumentException(
            "Numeric pre-release identifier '" + id + "' must not have leading zeros");
      }
    }
  }

  /**
   * Checks build-metadata identifiers: non-empty, {@code [0-9A-Za-z-]} (leading zeros allowed).
   *
   * @throws IllegalArgumentException naming the offending identifier
   */
  static void checkBuild(List<String> identifiers) {
    for (String id : identifiers) {
      checkCharacters("build metadata", id);
    }
  }

  private static void checkCharacters(String kind, String id) {
    if (id.isEmpty()) {
      throw new IllegalArgumentException("Empty " + kind + " identifier");
    }
    for (int i = 0; i < id.length(); i++) {
      if (!isIdentifierChar(id.charAt(i))) {
        throw new IllegalArgumentException(
            "Invalid "
                + kind
                + " identifier '"
                + id
                + "': '"
                + id.charAt(i)
                + "' is not allowed (only 0-9, A-Z, a-z and '-')");
      }
    }
  }

  static boolean isIdentifierChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
  }

  static boolean isNumeric(String id) {
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Compares pre-release identifier lists by precedence (semver.org §11.4); an empty list means "no
   * pre-release" and ranks above every non-empty one.
   */
  static int comparePreRelease(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareIdentifier(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareIdentifier(String a, String b) {
    boolean numericA = isNumeric(a);
    boolean numericB = isNumeric(b);
    if (numericA && numericB) {
      // No leading zeros, so the longer one is larger; equal lengths compare digit by digit.
      // This works for numbers of any size, which semver does not bound.
      return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
    if (numericA != numericB) {
      return numericA ? -1 : 1;
    }
    return a.compareTo(b); // ASCII order: every allowed character is ASCII.
  }

  /**
   * Orders build metadata by plain ASCII text, identifier by identifier, shorter list first. The
   * order carries no meaning; it only makes {@link Version#compareTo} consistent with equals.
   */
  static int compareBuild(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
