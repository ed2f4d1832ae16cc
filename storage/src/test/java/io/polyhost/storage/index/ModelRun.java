package io.polyhost.storage.index;

import io.polyhost.api.storage.IndexType;
import io.polyhost.storage.RawIndex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * The bookkeeping shared by the model checks: the random source, the raw index under test, and a
 * description of the current step for assertion messages.
 */
final class ModelRun {
  /** The order of serialized strings: unsigned UTF-8 bytes, not {@link String#compareTo}. */
  static final Comparator<String> UTF8_ORDER =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  // Multi-byte characters make UTF-8 byte order differ from String order; NUL is a legal char.
  private static final String[] ALPHABET = {
    "a", "b", "z", "\u00e9", "\u4e2d", "\ud83d\ude00", "\0"
  };

  final Random random;
  private final long seed;
  private final RawIndexSource source;
  private RawIndex raw;
  private int step;
  private String operation = "start";

  ModelRun(RawIndexSource source, IndexType type, long seed) {
    this.random = new Random(seed);
    this.seed = seed;
    this.source = source;
    this.raw = source.create(type);
  }

  RawIndex raw() {
    return raw;
  }

  /** Starts step {@code step}; the views must be rebuilt if this returns true (a reopen). */
  boolean begin(int step) {
    this.step = step;
    this.operation = "?";
    if (random.nextInt(25) == 0) {
      operation = "reopen";
      raw = source.reopen(raw);
      return true;
    }
    return false;
  }

  /** Records what the current step does. */
  void did(String operation) {
    this.operation = operation;
  }

  /** Seed, step and operation: enough to replay and locate a failure. */
  String where() {
    return "seed=" + seed + " step=" + step + " op=" + operation;
  }

  /** A short string over a small alphabet, so that collisions are frequent. */
  String string(int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return sb.toString();
  }

  /** A weighted choice: the index of the bucket {@code random} falls into. */
  int choose(int... weights) {
    int total = Arrays.stream(weights).sum();
    int r = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    throw new AssertionError("unreachable");
  }

  static <T> List<T> drain(Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
