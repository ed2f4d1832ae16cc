package io.polyhost.runtime.js;

import io.polyhost.api.storage.Serializers;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

/**
 * Conversions at the host boundary: the guest passes strings (stored as UTF-8) or ArrayBuffers
 * (stored as they are), and gets back strings or byte arrays.
 */
final class GuestValues {
  /** The longest value a service may store, in bytes; caps what one call can make the node hold. */
  static final int MAX_VALUE_BYTES = 1024 * 1024;

  /** The longest key, in bytes; the storage's own limit. */
  static final int MAX_KEY_BYTES = 4 * 1024;

  private GuestValues() {}

  static byte[] key(Value key) {
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
    } else {
      throw new GuestMisuseException(what + " must be a string or bytes, got " + value);
    }
    if (bytes.length > max) {
      throw tooLarge(what, bytes.length, max);
    }
    return bytes;
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
