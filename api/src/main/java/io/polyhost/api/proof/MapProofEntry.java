package io.polyhost.api.proof;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A requested key of a {@link MapProof} with its value, or marked missing.
 *
 * <p>Immutable: the arrays are copied in and out.
 */
public final class MapProofEntry {
  private final byte[] key;
  private final byte @Nullable [] value;

  private MapProofEntry(byte[] key, byte @Nullable [] value) {
    this.key = key.clone();
    this.value = value == null ? null : value.clone();
  }

  /** A key that is present with {@code value}. */
  public static MapProofEntry present(byte[] key, byte[] value) {
    return new MapProofEntry(key, value);
  }

  /** A key that is absent from the map. */
  public static MapProofEntry missing(byte[] key) {
    return new MapProofEntry(key, null);
  }

  /** The serialized key. */
  public byte[] key() {
    return key.clone();
  }

  /** The serialized value, or empty if the key is missing. */
  public Optional<byte[]> value() {
    return value == null ? Optional.empty() : Optional.of(value.clone());
  }

  /** Whether the key is present. */
  public boolean isPresent() {
    return value != null;
  }

  /** The key, not copied; only for code in this package that never modifies it. */
  byte[] keyBytes() {
    return key;
  }

  /** The value, not copied, or {@code null}; only for code in this package. */
  byte @Nullable [] valueBytes() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapProofEntry e
        && Arrays.equals(key, e.key)
        && Arrays.equals(value, e.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key) * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    HexFormat hex = HexFormat.of();
    return hex.formatHex(key) + (value == null ? " missing" : " = " + hex.formatHex(value));
  }
}
