package io.polyhost.api.crypto;

import java.security.SecureRandom;

/**
 * An Ed25519 secret key with its public key.
 *
 * <p>Keeping both avoids deriving the public key (a scalar multiplication) on every signature.
 * {@link #toString()} shows only the public key.
 */
public final class KeyPair {
  private final PublicKey publicKey;
  private final SecretKey secretKey;

  private KeyPair(PublicKey publicKey, SecretKey secretKey) {
    this.publicKey = publicKey;
    this.secretKey = secretKey;
  }

  /** A fresh random key pair from the platform's default {@link SecureRandom}. */
  public static KeyPair generate() {
    return generate(DefaultRandom.INSTANCE);
  }

  /** A fresh random key pair whose seed comes from {@code random}. */
  public static KeyPair generate(SecureRandom random) {
    byte[] seed = new byte[SecretKey.SIZE];
    random.nextBytes(seed);
    return fromSecretKey(SecretKey.of(seed));
  }

  /**
   * The key pair of a 32-byte seed: the same seed always gives the same keys (RFC 8032 §5.1.5).
   *
   * @throws IllegalArgumentException if {@code seed} is not exactly 32 bytes long
   */
  public static KeyPair fromSeed(byte[] seed) {
    return fromSecretKey(SecretKey.of(seed));
  }

  /** The key pair of an existing secret key, deriving its public key. */
  public static KeyPair fromSecretKey(SecretKey secretKey) {
    return new KeyPair(Ed25519.derivePublicKey(secretKey), secretKey);
  }

  /** The public key. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** The secret key. */
  public SecretKey secretKey() {
    return secretKey;
  }

  @Override
  public String toString() {
    return "KeyPair[publicKey=" + publicKey + "]";
  }

  /**
   * Created on first use: seeding a SecureRandom can block briefly, and many callers never need it.
   */
  private static final class DefaultRandom {
    static final SecureRandom INSTANCE = new SecureRandom();
  }
}
