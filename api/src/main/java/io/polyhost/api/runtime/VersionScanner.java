package io.polyhost.api.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over the text of a version or version requirement, producing errors that quote the text
 * and say where and what went wrong.
 */
final class VersionScanner {
  private final String text;
  private final String context;
  private int pos;

  /**
   * Starts at the beginning of {@code text}.
   *
   * @param context how every error message starts, e.g. {@code Invalid version '1.x'}
   */
  VersionScanner(String text, String context) {
    this.text = text;
    this.context = context;
  }

  boolean atEnd() {
    return pos == text.length();
  }

  /** Whether {@code c} comes next. */
  boolean at(char c) {
    return !atEnd() && text.charAt(pos) == c;
  }

  /** Consumes {@code c} if it comes next. */
  boolean consume(char c) {
    if (at(c)) {
      pos++;
      return true;
    }
    return false;
  }

  /** Consumes {@code c}, which must come next. */
  void expect(char c, String where) {
    if (!consume(c)) {
      throw unexpected(where + ", expected '" + c + "'");
    }
  }

  void skipSpaces() {
    while (at(' ')) {
      pos++;
    }
  }

  /** Consumes a wildcard ({@code *}, {@code x} or {@code X}) if one comes next. */
  boolean wildcard() {
    return consume('*') || consume('x') || consume('X');
  }

  /** Reads a number without leading zeros that fits a {@code long}. */
  long number(String part) {
    int start = pos;
    while (!atEnd() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    if (start == pos) {
      throw unexpected("while parsing " + part);
    }
    String digits = text.substring(start, pos);
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      throw error(part + " '" + digits + "' must not have leading zeros");
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw error(part + " '" + digits + "' is too large; at most " + Long.MAX_VALUE);
    }
  }

  /** Reads pre-release identifiers (after the {@code -}), up to a {@code +} or anything else. */
  List<String> preRelease() {
    List<String> identifiers = identifiers("pre-release");
    try {
      Identifiers.checkPreRelease(identifiers);
    } catch (IllegalArgumentException e) {
      throw error(String.valueOf(e.getMessage()));
    }
    return identifiers;
  }

  /** Reads build-metadata identifiers (after the {@code +}). */
  List<String> build() {
    return identifiers("build metadata");
  }

  /** Reads dot-separated identifiers up to the first character that belongs to none. */
  private List<String> identifiers(String kind) {
    List<String> identifiers = new ArrayList<>();
    do {
      int start = pos;
      while (!atEnd() && Identifiers.isIdentifierChar(text.charAt(pos))) {
        pos++;
      }
      if (start == pos) {
        throw atEnd()
            ? error("empty " + kind + " identifier at the end")
            : error("empty " + kind + " identifier at position " + pos);
      }
      identifiers.add(text.substring(start, pos));
    } while (consume('.'));
    return identifiers;
  }

  /** An error about the next character (or the end of the text) at the current position. */
  IllegalArgumentException unexpected(String where) {
    return atEnd()
        ? error("unexpected end of input " + where)
        : error("unexpected character '" + text.charAt(pos) + "' at position " + pos + " " + where);
  }

  IllegalArgumentException error(String problem) {
    return new IllegalArgumentException(context + ": " + problem);
  }
}
