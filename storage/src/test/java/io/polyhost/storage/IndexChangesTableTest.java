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

/**
 * The hash table of {@link IndexChanges}: point reads after any mix of writes and removals (which
 * shift later keys back into the gap) and growth, and {@link IndexChanges#addUnder}, which layers
 * two change maps the way the overlay of derived entries does.
 */
class IndexChangesTableTest {
  @Test
  void pointReadsMatchAModelThroughGrowthAndRemovals() {
    long seed = Seeds.pick("IndexChangesTableTest");
    SplittableRandom random = new SplittableRandom(seed);
    IndexChanges changes = new IndexChanges();
    TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
    List<byte[]> known = new ArrayList<>();
    for (int step = 0; step < 30_000; step++) {
      // Grow to a few thousand keys, then shrink: removals then empty long probe runs.
      boolean shrinking = step > 20_000;
      byte[] key =
          !known.isEmpty() && random.nextInt(3) > 0
              ? known.get(random.nextInt(known.size())).clone()
              : randomKey(random);
      int op = random.nextInt(10);
      if (op < (shrinking ? 7 : 2)) {
        changes.remove(key);
        model.remove(key);
      } else {
        byte[] value = random.nextInt(8) == 0 ? IndexChanges.DELETED : new byte[] {(byte) step};
        byte[] previous = changes.put(key, value);
        assertThat(previous)
            .as("seed=%d step %d: previous change", seed, step)
            .isEqualTo(model.get(key));
        model.put(key, value);
        known.add(key);
      }
      if (step % 97 == 0) {
        assertMatches(changes, model, known, seed, step);
      }
    }
    assertMatches(changes, model, known, seed, -1);
  }

  @Test
  void aLayerAddedUnderKeepsTheNewerChanges() {
    long seed = Seeds.pick("IndexChangesTableTest addUnder");
    SplittableRandom random = new SplittableRandom(seed);
    IndexChanges newer = new IndexChanges();
    IndexChanges older = new IndexChanges();
    TreeMap<byte[], byte[]> expected = new TreeMap<>(Arrays::compareUnsigned);
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      keys.add(randomKey(random));
    }
    Map<byte[], byte[]> olderValues = new TreeMap<>(Arrays::compareUnsigned);
    for (byte[] key : keys) {
      byte[] value = {1, (byte) random.nextInt()};
      older.put(key, value);
      olderValues.put(key, value);
      expected.put(key, value);
    }
    for (byte[] key : keys) {
      if (random.nextBoolean()) {
        byte[] value = random.nextBoolean() ? IndexChanges.DELETED : new byte[] {2};
        newer.put(key.clone(), value);
        expected.put(key, value);
      }
    }
    newer.addUnder(older);
    assertThat(newer.size()).as("seed=%d", seed).isEqualTo(expected.size());
    List<byte[]> visited = new ArrayList<>();
    newer.forEachInOrder((key, value) -> {
      visited.add(key);
      assertThat(value).as("seed=%d", seed).isSameAs(expected.get(key));
    });
    assertThat(visited).as("seed=%d", seed).containsExactlyElementsOf(expected.keySet());
    // The older layer itself is left as it was.
    assertThat(older.size()).isEqualTo(olderValues.size());
    olderValues.forEach(
        (key, value) -> assertThat(older.get(key)).as("seed=%d", seed).isSameAs(value));
  }

  /** Short keys from few letters collide often and share hashes' low bits; long ones do not. */
  private static byte[] randomKey(SplittableRandom random) {
    if (random.nextBoolean()) {
      byte[] key = new byte[33];
      random.nextBytes(key);
      return key;
    }
    byte[] key = new byte[1 + random.nextInt(4)];
    for (int b = 0; b < key.length; b++) {
      key[b] = (byte) random.nextInt(6);
    }
    return key;
  }

  private static void assertMatches(
      IndexChanges changes, Map<byte[], byte[]> model, List<byte[]> known, long seed, int step) {
    assertThat(changes.size()).as("seed=%d step %d: size", seed, step).isEqualTo(model.size());
    assertThat(changes.isEmpty()).isEqualTo(model.isEmpty());
    for (byte[] key : known) {
      byte[] probe = key.clone();
      assertThat(changes.get(probe))
          .as("seed=%d step %d: %s", seed, step, Arrays.toString(key))
          .isEqualTo(model.get(key));
      assertThat(changes.containsKey(probe)).isEqualTo(model.containsKey(key));
      assertThat(changes.get(probe, IndexChanges.hash(probe))).isEqualTo(model.get(key));
    }
  }
}
