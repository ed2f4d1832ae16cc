package io.polyhost.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random keys and values shaped like Exonum's storage benchmarks: 32-byte keys (a hash, an
 * account key) and 64-byte values.
 *
 * <p>A fixed seed makes every run insert and read the same data, so runs differ only in timing.
 */
final class RandomEntries {
  static final int KEY_SIZE = 32;
  static final int VALUE_SIZE = 64;

  private final SplittableRandom random;

  RandomEntries(long seed) {
    this.random = new SplittableRandom(seed);
  }

  byte[] key() {
    return bytes(KEY_SIZE);
  }

  byte[] value() {
    return bytes(VALUE_SIZE);
  }

  /** {@code count} random keys; with 256 random bits each, they are distinct in practice. */
  List<byte[]> keys(int count) {
    List<byte[]> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add(key());
    }
    return keys;
  }

  /** A uniformly chosen element of {@code items}. */
  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  private byte[] bytes(int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }
}
