package io.polyhost.storage.index;

import java.security.SecureRandom;

/** The seed of a randomised test: {@code -Dpolyhost.seed=N} replays a failure. */
final class TestSeed {
  private TestSeed() {}

  /** The seed from {@code polyhost.seed}, or a fresh one; printed either way. */
  static long pick(String test) {
    String property = System.getProperty("polyhost.seed");
    long seed = property != null ? Long.parseLong(property) : new SecureRandom().nextLong();
    System.out.println(test + " seed=" + seed);
    return seed;
  }
}
