package io.polyhost.api.storage;

/**
 * Turns values of type {@code T} into bytes and back.
 *
 * <p>Implementations must be deterministic and round-trip exactly: {@code decode(encode(v))} equals
 * {@code v}, and equal values encode to equal bytes. Standard serializers are in {@link
 * Serializers}.
 *
 * @param <T> the value type
 */
public interface Serializer<T> {
  /** Encodes a value; never returns {@code null}. */
  byte[] encode(T value);

  /**
   * Decodes bytes produced by {@link #encode}.
   *
   * @throws IllegalArgumentException if the bytes are not a valid encoding
   */
  T decode(byte[] bytes);
}
