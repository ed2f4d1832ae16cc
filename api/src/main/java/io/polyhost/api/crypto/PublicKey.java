package io.polyhost.api.crypto;

import com.google.protobuf.ByteString;
import io.polyhost.api.proto.PublicKeyProto;
import java.util.Arrays;

/**
 * An Ed25519 public key: 32 immutable bytes.
 *
 * <p>It identifies transaction authors and validators. Any 32 bytes make a {@code PublicKey}:
 * whether they encode a valid curve point is only checked by {@link Ed25519#verify}, which answers
 * {@code false} for invalid keys. {@link #toString()} gives lowercase hex.
 */
public final class PublicKey extends FixedBytes implements Comparable<PublicKey> {
  /** The length of a public key in bytes. */
  public static final int SIZE = 32;

  private static final String WHAT = "public key";

  private PublicKey(byte[] bytes) {
    super(bytes);
  }

  /**
   * Wraps 32 bytes as a public key (the array is copied).
   *
   * @throws IllegalArgumentException if {@code bytes} is not exactly 32 bytes long
   */
  public static PublicKey of(byte[] bytes) {
    return new PublicKey(ByteText.checkLength(WHAT, bytes, SIZE).clone());
  }

  /** Wraps an array the caller promises never to modify again. */
  static PublicKey wrap(byte[] bytes) {
    return new PublicKey(ByteText.checkLength(WHAT, bytes, SIZE));
  }

  /**
   * Parses 64 hex digits.
   *
   * @throws IllegalArgumentException if the text is not 64 hex digits
   */
  public static PublicKey fromHex(String hex) {
    return new PublicKey(ByteText.parseHex(WHAT, hex, SIZE));
  }

  /**
   * Parses standard base64 of 32 bytes.
   *
   * @throws IllegalArgumentException if the text is not base64 of exactly 32 bytes
   */
  public static PublicKey fromBase64(String base64) {
    return new PublicKey(ByteText.parseBase64(WHAT, base64, SIZE));
  }

  /**
   * Reads a key from its protobuf message.
   *
   * @throws IllegalArgumentException if the message does not hold exactly 32 bytes
   */
  public static PublicKey fromProto(PublicKeyProto proto) {
    return new PublicKey(ByteText.checkLength(WHAT, proto.getData().toByteArray(), SIZE));
  }

  /** The key as a protobuf message. */
  public PublicKeyProto toProto() {
    return PublicKeyProto.newBuilder().setData(ByteString.copyFrom(raw())).build();
  }

  /** Orders keys by their bytes, unsigned, e.g. to sort validators deterministically. */
  @Override
  public int compareTo(PublicKey o) {
    return Arrays.compareUnsigned(raw(), o.raw());
  }
}
