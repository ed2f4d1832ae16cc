package io.polyhost.api.crypto;

import java.util.Base64;
import java.util.HexFormat;

/** Text forms (hex, base64) of fixed-size byte values, with parse errors that name the value. */
final class ByteText {
  private static final HexFormat HEX = HexFormat.of();

  private ByteText() {}

  /**
   * Checks that {@code bytes} has exactly {@code size} bytes.
   *
   * @throws IllegalArgumentException naming {@code what} and both lengths otherwise
   */
  static byte[] checkLength(String what, byte[] bytes, int size) {
    if (bytes.length != size) {
      throw new IllegalArgumentException(
          "A " + what + " is " + size + " bytes long, got " + bytes.length + " bytes");
    }
    return bytes;
  }

  /**
   * Parses exactly {@code 2 * size} hex digits (either case).
   *
   * @throws IllegalArgumentException if the length is wrong or a character is not a hex digit
   */
  static byte[] parseHex(String what, String text, int size) {
    if (text.length() != size * 2) {
      throw new IllegalArgumentException(
          "A "
              + what
              + " in hex is "
              + size * 2
              + " characters, got "
              + text.length()
              + " characters");
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        throw new IllegalArgumentException(
            "Not a hex "
                + what
                + ": character '"
                + text.charAt(i)
                + "' at position "
                + i
                + " is not a hex digit");
      }
    }
    return HEX.parseHex(text);
  }

  /**
   * Parses standard base64 (RFC 4648 §4, padding optional) that decodes to exactly {@code size}
   * bytes.
   *
   * @throws IllegalArgumentException if the text is not base64 or decodes to the wrong length
   */
  static byte[] parseBase64(String what, String text, int size) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Not a base64 " + what + ": " + e.getMessage() + " in '" + abbreviate(text) + "'", e);
    }
    if (bytes.length != size) {
      throw new IllegalArgumentException(
          "A "
              + what
              + " is "
              + size
              + " bytes long, but the base64 text decodes to "
              + bytes.length
              + " bytes");
    }
    return bytes;
  }

  static String toHex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  static String toBase64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Keeps error messages readable when someone pastes a whole file where a key belongs. */
  private static String abbreviate(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "…";
  }
}
