package io.polyhost.api.crypto;

import com.google.protobuf.ByteString;
import io.polyhost.api.proto.SignatureProto;

/**
 * An Ed25519 signature: 64 immutable bytes.
 *
 * <p>Signatures authenticate transactions and validators' block endorsements. Any 64 bytes make a
 * {@code Signature}; {@link Ed25519#verify} decides whether it is valid for a key and message.
 * {@link #toString()} gives lowercase hex.
 */
public final class Signature extends FixedBytes {
  /** The length of a signature in bytes. */
  public static final int SIZE = 64;

  private static final String WHAT = "signature";

  private Signature(byte[] bytes) {
    super(bytes);
  }

  /**
   * Wraps 64 bytes as a signature (the array is copied).
   *
   * @throws IllegalArgumentException if {@code bytes} is not exactly 64 bytes long
   */
  public static Signature of(byte[] bytes) {
    return new Signature(ByteText.checkLength(WHAT, bytes, SIZE).clone());
  }

  /** Wraps an array the caller promises never to modify again. */
  static Signature wrap(byte[] bytes) {
    return new Signature(ByteText.checkLength(WHAT, bytes, SIZE));
  }

  /**
   * Parses 128 hex digits.
   *
   * @throws IllegalArgumentException if the text is not 128 hex digits
   */
  public static Signature fromHex(String hex) {
    return new Signature(ByteText.parseHex(WHAT, hex, SIZE));
  }

  /**
   * Parses standard base64 of 64 bytes.
   *
   * @throws IllegalArgumentException if the text is not base64 of exactly 64 bytes
   */
  public static Signature fromBase64(String base64) {
    return new Signature(ByteText.parseBase64(WHAT, base64, SIZE));
  }

  /**
   * Reads a signature from its protobuf message.
   *
   * @throws IllegalArgumentException if the message does not hold exactly 64 bytes
   */
  public static Signature fromProto(SignatureProto proto) {
    return new Signature(ByteText.checkLength(WHAT, proto.getData().toByteArray(), SIZE));
  }

  /** The signature as a protobuf message. */
  public SignatureProto toProto() {
    return SignatureProto.newBuilder().setData(ByteString.copyFrom(raw())).build();
  }
}
