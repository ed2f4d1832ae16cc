package io.polyhost.api.crypto;

import java.util.Arrays;

/**
 * The shared body of keys and signatures: an immutable byte array of fixed length with value
 * equality and hex/base64 text forms. Two values are equal only if they are of the same class.
 */
abstract sealed class FixedBytes permits PublicKey, Signature {
  private final byte[] bytes;

  /** Takes ownership of {@code bytes}, whose length the subclass has checked. */
  FixedBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of the bytes. */
  public final byte[] toBytes() {
    return bytes.clone();
  }

  /** The bytes themselves, for the signature code in this package; never modify them. */
  final byte[] raw() {
    return bytes;
  }

  /** Lowercase hex, two characters per byte. */
  public final String toHex() {
    return ByteText.toHex(bytes);
  }

  /** Standard base64 (RFC 4648 §4) with padding. */
  public final String toBase64() {
    return ByteText.toBase64(bytes);
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((FixedBytes) o).bytes);
  }

  @Override
  public final int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Lowercase hex, as {@link #toHex()}. */
  @Override
  public final String toString() {
    return toHex();
  }
}
