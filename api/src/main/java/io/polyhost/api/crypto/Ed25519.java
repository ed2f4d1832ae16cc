package io.polyhost.api.crypto;

/**
 * Ed25519 signatures (RFC 8032, pure variant without context or prehash).
 *
 * <p>Backed by Bouncy Castle's low-level {@code rfc8032.Ed25519}, several times faster than the
 * JDK's EdDSA provider; verification speed bounds how fast a node admits transactions. Signing is
 * deterministic: the same key and message always give the same signature.
 */
public final class Ed25519 {
  private Ed25519() {}

  /** Signs {@code message} with the secret key of {@code keys}. */
  public static Signature sign(KeyPair keys, byte[] message) {
    byte[] signature = new byte[Signature.SIZE];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
        keys.secretKey().raw(),
        0,
        keys.publicKey().raw(),
        0,
        message,
        0,
        message.length,
        signature,
        0);
    return Signature.wrap(signature);
  }

  /** Signs {@code message} with {@code key}, deriving the public key first (slower than a pair). */
  public static Signature sign(SecretKey key, byte[] message) {
    return sign(KeyPair.fromSecretKey(key), message);
  }

  /**
   * Whether {@code signature} is a valid signature of {@code message} by {@code key}.
   *
   * <p>Never throws for bad input: a key that is not a curve point, a malformed or non-canonical
   * signature, or a tampered message all simply give {@code false}.
   */
  public static boolean verify(PublicKey key, byte[] message, Signature signature) {
    try {
      return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
          signature.raw(), 0, key.raw(), 0, message, 0, message.length);
    } catch (RuntimeException e) {
      // Input is attacker-controlled; whatever the library dislikes is just an invalid signature.
      return false;
    }
  }

  /** The public key of a secret key (RFC 8032 §5.1.5). */
  static PublicKey derivePublicKey(SecretKey key) {
    byte[] publicKey = new byte[PublicKey.SIZE];
    org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(key.raw(), 0, publicKey, 0);
    return PublicKey.wrap(publicKey);
  }
}
