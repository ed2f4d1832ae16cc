package io.polyhost.api.proof;

import io.polyhost.api.crypto.Hash;
import java.security.MessageDigest;

/** SHA-256 with one digest object per thread: looking one up costs about half a hash. */
final class Digests {
  private Digests() {}

  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Hash::newDigest);

  /** This thread's digest, reset; finish it before asking again. */
  static MessageDigest digest() {
    MessageDigest d = DIGEST.get();
    // A hash abandoned by an exception must not leak into the next one on this thread.
    d.reset();
    return d;
  }

  /** SHA-256 of {@code input}. */
  static Hash sha256(byte[] input) {
    MessageDigest d = digest();
    d.update(input);
    return Hash.finish(d);
  }
}
