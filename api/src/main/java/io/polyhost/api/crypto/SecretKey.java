package io.polyhost.api.crypto;

/**
 * An Ed25519 secret key: the 32-byte seed from which the signing scalar and the public key derive.
 *
 * <p>{@link #toString()} never shows the bytes, so a key that ends up in a log line or an exception
 * message does not leak. Equality is identity: compare the {@linkplain KeyPair#publicKey() public
 * keys} instead of comparing secrets.
 */
public final class SecretKey {
  /** The length of a secret key (seed) in bytes. */
  public static final int SIZE = 32;

  private static final String WHAT = "secret key";

  private final byte[] seed;

  private SecretKey(byte[] seed) {
    this.seed = seed;
  }

  /**
   * Wraps a 32-byte seed (the array is copied).
   *
   * @throws IllegalArgumentException if {@code seed} is not exactly 32 bytes long
   */
  public static SecretKey of(byte[] seed) {
    return new SecretKey(ByteText.checkLength(WHAT, seed, SIZE).clone());
  }

  /**
   * Parses the seed from 64 hex digits, e.g. read from a key file.
   *
   * @throws IllegalArgumentException if the text is not 64 hex digits (the message never echoes it)
   */
  public static SecretKey fromHex(String hex) {
    if (hex.length() != SIZE * 2 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      // Not ByteText.parseHex: its message would quote part of the secret.
      throw new IllegalArgumentException(
          "A secret key in hex is " + SIZE * 2 + " hex digits; the given text is not");
    }
    return new SecretKey(ByteText.parseHex(WHAT, hex, SIZE));
  }

  /** A copy of the 32-byte seed, e.g. to write a key file. */
  public byte[] toBytes() {
    return seed.clone();
  }

  /** The seed in lowercase hex, e.g. to write a key file. */
  public String toHex() {
    return ByteText.toHex(seed);
  }

  /** The seed itself, for the signature code in this package; never modify it. */
  byte[] raw() {
    return seed;
  }

  /** A fixed text: the key's bytes are never printed. */
  @Override
  public String toString() {
    return "SecretKey[redacted]";
  }
}
