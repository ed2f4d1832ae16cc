package io.polyhost.api.crypto;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint;

/**
 * Ed25519 verification that keeps the curve points of the public keys it has seen, so that a key
 * which signs again is not decompressed again.
 *
 * <p>Decompressing a public key (a square root in the field) is about a sixth of a verification,
 * and a node sees the same authors over and over. The answers are exactly those of {@link
 * Ed25519#verify}: a key is remembered only if Bouncy Castle's partial validation accepts it (the
 * same canonical-encoding check and decoding that its verify applies to key bytes, and a decoded
 * key encodes back to the same bytes, which is what both variants hash); any other key goes the
 * plain way. Thread-safe; at most {@code capacity} keys are kept, and the whole set is dropped when
 * it is full, which is cheap and keeps the memory bounded under a flood of new keys.
 */
public final class VerifyingKeys {
  private final int capacity;
  private final Map<PublicKey, PublicPoint> points = new ConcurrentHashMap<>();

  /**
   * Creates an empty set.
   *
   * @param capacity how many keys to keep at most
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  public VerifyingKeys(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Whether {@code signature} is a valid signature of {@code message} by {@code key}; the same
   * answer as {@link Ed25519#verify}, and like it never throws for bad input.
   */
  public boolean verify(PublicKey key, byte[] message, Signature signature) {
    PublicPoint point = points.get(key);
    if (point == null) {
      point = decode(key);
      if (point == null) {
        return Ed25519.verify(key, message, signature);
      }
      if (points.size() >= capacity) {
        points.clear();
      }
      points.put(key, point);
    }
    try {
      return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
          signature.raw(), 0, point, message, 0, message.length);
    } catch (RuntimeException e) {
      return false; // as Ed25519.verify: attacker-controlled input is just an invalid signature
    }
  }

  /** How many keys are kept now. */
  public int size() {
    return points.size();
  }

  private static @org.jspecify.annotations.Nullable PublicPoint decode(PublicKey key) {
    try {
      return org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartialExport(key.raw(), 0);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
