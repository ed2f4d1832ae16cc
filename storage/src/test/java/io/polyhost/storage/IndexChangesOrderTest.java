package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.storage.index.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A merge writes each index's changes in key order; scans in between must not disturb it. */
class IndexChangesOrderTest {
  private static final byte[] ALPHABET = {0x00, 0x01, (byte) 0xff};

  @Test
  void everyChangeIsVisitedOnceInKeyOrder() {
    long seed = Seeds.pick("IndexChangesOrderTest");
    SplittableRandom random = new SplittableRandom(seed);
    IndexChanges changes = new IndexChanges();
    TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
    for (int step = 0; step < 2_000; step++) {
      // Short keys and keys past 8 bytes from a three-letter alphabet: many share their first 8
      // bytes or are prefixes of each other, which the sort's comparison of heads must get right.
      byte[] key = new byte[1 + random.nextInt(random.nextBoolean() ? 3 : 12)];
      for (int b = 0; b < key.length; b++) {
        key[b] = ALPHABET[random.nextInt(ALPHABET.length)];
      }
      switch (random.nextInt(4)) {
        case 0 -> {
          changes.remove(key);
          model.remove(key);
        }
        case 1 -> changes.from(key, 5); // a scan sorts the keys seen so far
        default -> {
          byte[] value = {(byte) step};
          changes.put(key, value);
          model.put(key, value);
        }
      }
    }
    assertVisitsInOrder(changes, model, seed);
  }

  @Test
  void thousandsOfKeysAddedBetweenScansAreVisitedInKeyOrder() {
    long seed = Seeds.pick("IndexChangesOrderTest");
    SplittableRandom random = new SplittableRandom(seed);
    IndexChanges changes = new IndexChanges();
    TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
    // Enough keys between scans for the sort of packed heads: hash-like keys, and short keys from
    // the three-letter alphabet whose heads tie, or tie in every bit the packed sort keeps.
    for (int step = 0; step < 20_000; step++) {
      byte[] key;
      if (random.nextInt(3) == 0) {
        key = new byte[32];
        random.nextBytes(key);
      } else {
        key = new byte[1 + random.nextInt(random.nextBoolean() ? 3 : 12)];
        for (int b = 0; b < key.length; b++) {
          key[b] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
      }
      int op = random.nextInt(1_000);
      if (op < 100) {
        changes.remove(key);
        model.remove(key);
      } else if (op < 101) {
        changes.from(key, 5);
      } else {
        byte[] value = {(byte) step, (byte) (step >>> 8)};
        changes.put(key, value);
        model.put(key, value);
      }
    }
    assertVisitsInOrder(changes, model, seed);
  }

  /** {@code forEachInOrder} visits exactly the model's entries, in the model's (key) order. */
  private static void assertVisitsInOrder(
      IndexChanges changes, Map<byte[], byte[]> model, long seed) {
    List<Map.Entry<byte[], byte[]>> visited = new ArrayList<>();
    changes.forEachInOrder((key, value) -> visited.add(Map.entry(key, value)));
    assertThat(visited).as("seed=%d", seed).hasSize(model.size());
    int i = 0;
    for (Map.Entry<byte[], byte[]> expected : model.entrySet()) {
      assertThat(visited.get(i).getKey())
          .as("seed=%d, key %d", seed, i)
          .isEqualTo(expected.getKey());
      assertThat(visited.get(i).getValue())
          .as("seed=%d, value %d", seed, i)
          .isEqualTo(expected.getValue());
      i++;
    }
  }
}
