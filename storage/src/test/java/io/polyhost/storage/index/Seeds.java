package io.polyhost.storage.index;

import java.util.concurrent.ThreadLocalRandom;

/** Seeds for randomised tests: {@code -Dpolyhost.seed=N} replays a failure. */
public final class Seeds {
  private Seeds() {}

  /** The seed from {@code polyhost.seed}, or a fresh one; printed either way. */
  public static long pick(String test) {
    String fixed = System.getProperty("polyhost.seed");
    long seed = fixed == null ? ThreadLocalRandom.current().nextLong() : Long.parseLong(fixed);
    System.out.println(test + " seed=" + seed);
    return seed;
  }
}
