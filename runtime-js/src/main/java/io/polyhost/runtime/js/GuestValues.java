package io.polyhost.runtime.js;

import io.polyhost.api.storage.Serializers;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

/**
 * Conversions at the host boundary: the guest passes strings (stored as UTF-8), ArrayBuffers
 * (stored as they are) or, for JSON values, safe integers (stored as their JSON text), and gets
 * back strings, byte arrays or, reading a JSON value that is a short integer, the number.
 */
final class GuestValues {
  /** The longest value a service may store, in bytes; caps what one call can make the node hold. */
  static final int MAX_VALUE_BYTES = 1024 * 1024;

  /** The longest key, in bytes; the storage's own limit. */
  static final int MAX_KEY_BYTES = 4 * 1024;

  private GuestValues() {}

  static byte[] key(Value key) {
    if (key.isNumber()) {
      throw new GuestMisuseException("A key must be a string or bytes, got " + key);
    }
    return bytes(key, "A key", MAX_KEY_BYTES);
  }

  static byte[] value(Value value) {
    return bytes(value, "A value", MAX_VALUE_BYTES);
  }

  static byte[] bytes(Value value, String what, int max) {
    byte[] bytes;
    if (value.isString()) {
      String text = value.asString();
      if (text.length() > max) {
        throw tooLarge(what, text.length(), max);
      }
      bytes = text.getBytes(StandardCharsets.UTF_8);
    } else if (value.hasBufferElements()) {
      long size = value.getBufferSize();
      if (size > max) {
        throw tooLarge(what, size, max);
      }
      bytes = new byte[(int) size];
      value.readBuffer(0, bytes, 0, bytes.length);
    } else if (value.isNumber() && value.fitsInLong()) {
      // A safe integer of a JSON value (the guest sends 0 itself, as JSON writes -0 as 0).
      bytes = Long.toString(value.asLong()).getBytes(StandardCharsets.US_ASCII);
    } else {
      throw new GuestMisuseException(what + " must be a string or bytes, got " + value);
    }
    if (bytes.length > max) {
      throw tooLarge(what, bytes.length, max);
    }
    return bytes;
  }

  /**
   * One stored value for the guest, read with {@code codec}: {@code bytes} as a byte array, {@code
   * json} as the number if it is an integer of up to 15 digits in JSON's form (the same value
   * {@code JSON.parse} would give), else as text, which must be valid UTF-8.
   */
  static @Nullable Object read(byte @Nullable [] stored, String codec) {
    if (stored != null && codec.equals("json")) {
      Double number = jsonInteger(stored);
      if (number != null) {
        return number;
      }
    }
    return toGuest(stored, codec.equals("bytes"));
  }

  /** {@code text} as a number if it is {@code -?(0|[1-9][0-9]*)} with at most 15 digits. */
  static @Nullable Double jsonInteger(byte[] text) {
    int start = text.length > 0 && text[0] == '-' ? 1 : 0;
    int digits = text.length - start;
    if (digits < 1 || digits > 15 || (text[start] == '0' && digits > 1)) {
      return null;
    }
    long value = 0;
    for (int i = start; i < text.length; i++) {
      int d = text[i] - '0';
      if (d < 0 || d > 9) {
        return null;
      }
      value = value * 10 + d;
    }
    return start == 1 ? -(double) value : (double) value;
  }

  /** Stored bytes for the guest: a byte array, or text (which must be valid UTF-8). */
  static @Nullable Object toGuest(byte @Nullable [] stored, boolean asBytes) {
    if (stored == null) {
      return null;
    }
    return asBytes ? new ByteArrayProxy(stored) : Serializers.string().decode(stored);
  }

  private static GuestMisuseException tooLarge(String what, long size, int max) {
    return new GuestMisuseException(
        what + " of " + size + " bytes is too large; at most " + max + " bytes can be stored");
  }
}
