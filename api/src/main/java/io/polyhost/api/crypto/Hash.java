package io.polyhost.api.crypto;

import com.google.protobuf.ByteString;
import io.polyhost.api.proto.HashProto;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A SHA-256 digest: 32 immutable bytes.
 *
 * <p>Every hash in Polyhost (transaction hashes, Merkle nodes, state hashes) is one of these. Two
 * hashes are equal when their bytes are equal; {@link #toString()} gives lowercase hex.
 */
public final class Hash implements Comparable<Hash> {
  /** The length of a hash in bytes. */
  public static final int SIZE = 32;

  private static final Hash ZERO = new Hash(new byte[SIZE]);
  private static final HexFormat HEX = HexFormat.of();

  /** A digest never updated, to clone; null if the provider's digests cannot be cloned. */
  private static final @Nullable MessageDigest PROTOTYPE = cloneable(lookUpDigest());

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps 32 bytes as a hash (the array is copied).
   *
   * @throws IllegalArgumentException if {@code bytes} is not exactly 32 bytes long
   */
  public static Hash of(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException(
          "A hash is " + SIZE + " bytes long, got " + bytes.length + " bytes");
    }
    return new Hash(bytes.clone());
  }

  /**
   * The 32 bytes of {@code source} at {@code offset} as a hash (copied once).
   *
   * @throws IndexOutOfBoundsException if fewer than 32 bytes follow {@code offset}
   */
  public static Hash of(byte[] source, int offset) {
    return new Hash(
        Arrays.copyOfRange(
            source, offset, Objects.checkFromIndexSize(offset, SIZE, source.length) + SIZE));
  }

  /** Wraps an array the caller promises never to modify again; for hot paths inside Polyhost. */
  static Hash wrap(byte[] bytes) {
    return new Hash(bytes);
  }

  /**
   * Parses 64 hex characters.
   *
   * @throws IllegalArgumentException if the text is not 64 hex characters
   */
  public static Hash fromHex(String hex) {
    if (hex.length() != SIZE * 2) {
      throw new IllegalArgumentException(
          "A hash in hex is " + SIZE * 2 + " characters, got " + hex.length());
    }
    try {
      return new Hash(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Not a hex hash: '" + hex + "'", e);
    }
  }

  /**
   * Parses standard base64 of 32 bytes (the form protobuf's JSON mapping uses for bytes).
   *
   * @throws IllegalArgumentException if the text is not base64 of exactly 32 bytes
   */
  public static Hash fromBase64(String base64) {
    return new Hash(ByteText.parseBase64("hash", base64, SIZE));
  }

  /**
   * Reads a hash from its protobuf message.
   *
   * @throws IllegalArgumentException if the message does not hold exactly 32 bytes
   */
  public static Hash fromProto(HashProto proto) {
    return new Hash(ByteText.checkLength("hash", proto.getData().toByteArray(), SIZE));
  }

  /** The all-zero hash, used as the hash of "nothing" (e.g. the previous hash of block 0). */
  public static Hash zero() {
    return ZERO;
  }

  /** SHA-256 of the given bytes. */
  public static Hash sha256(byte[] data) {
    return new Hash(newDigest().digest(data));
  }

  /** SHA-256 of the concatenation of the given byte arrays. */
  public static Hash sha256(byte[]... parts) {
    MessageDigest digest = newDigest();
    for (byte[] part : parts) {
      digest.update(part);
    }
    return new Hash(digest.digest());
  }

  /** A fresh SHA-256 digest, for callers that hash several pieces without concatenating them. */
  public static MessageDigest newDigest() {
    // A copy of an unused digest: getInstance searches the providers on every call, which cost
    // about half of hashing a 150-byte transaction.
    if (PROTOTYPE != null) {
      try {
        return (MessageDigest) PROTOTYPE.clone();
      } catch (CloneNotSupportedException e) {
        // Not with the JDK's provider; a provider installed first may refuse.
      }
    }
    return lookUpDigest();
  }

  private static MessageDigest lookUpDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static @Nullable MessageDigest cloneable(MessageDigest digest) {
    try {
      var unused = digest.clone(); // only whether it can be cloned
      return digest;
    } catch (CloneNotSupportedException e) {
      return null;
    }
  }

  /** Finishes a digest started with {@link #newDigest()} and wraps its result. */
  public static Hash finish(MessageDigest digest) {
    return new Hash(digest.digest());
  }

  /** A copy of the 32 bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Feeds the 32 bytes into a digest without copying them. */
  public void updateDigest(MessageDigest digest) {
    digest.update(bytes);
  }

  /** Copies the 32 bytes into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, SIZE);
  }

  /** Whether this is the all-zero hash. */
  public boolean isZero() {
    return Arrays.equals(bytes, ZERO.bytes);
  }

  /** Lowercase hex, 64 characters. */
  public String toHex() {
    return HEX.formatHex(bytes);
  }

  /** Standard base64 with padding, 44 characters. */
  public String toBase64() {
    return ByteText.toBase64(bytes);
  }

  /** The hash as a protobuf message. */
  public HashProto toProto() {
    return HashProto.newBuilder().setData(ByteString.copyFrom(bytes)).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    // The bytes are already uniformly distributed.
    return (bytes[0] & 0xff) << 24
        | (bytes[1] & 0xff) << 16
        | (bytes[2] & 0xff) << 8
        | bytes[3] & 0xff;
  }

  @Override
  public int compareTo(Hash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
