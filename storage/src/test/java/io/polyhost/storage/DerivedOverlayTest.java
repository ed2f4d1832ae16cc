package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.storage.index.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The overlay of derived entries: the newest layer decides a key, the layers' changes are taken as
 * they are, and a checkpoint visits the newest value of every key by index and key in order.
 */
class DerivedOverlayTest {
  private static final long[] IDS = {1, 7, 300};

  @Test
  void theNewestLayerDecidesAndACheckpointSeesEachKeyOnceInOrder() {
    long seed = Seeds.pick("DerivedOverlayTest");
    SplittableRandom random = new SplittableRandom(seed);
    DerivedOverlay overlay = DerivedOverlay.EMPTY;
    // Expected newest value per index id and key.
    Map<Long, TreeMap<byte[], byte[]>> model = new TreeMap<>();
    long expectedBytes = 0;
    for (int layer = 0; layer < 20; layer++) {
      Map<Long, IndexChanges> derived = new HashMap<>();
      for (long id : IDS) {
        if (random.nextInt(3) == 0) {
          continue;
        }
        IndexChanges changes = new IndexChanges();
        for (int i = random.nextInt(200); i > 0; i--) {
          byte[] key = {(byte) random.nextInt(40), (byte) random.nextInt(4)};
          byte[] value = random.nextInt(5) == 0 ? IndexChanges.DELETED : new byte[] {(byte) layer};
          changes.put(key, value);
        }
        derived.put(id, changes);
        TreeMap<byte[], byte[]> newest =
            model.computeIfAbsent(id, unused -> new TreeMap<>(Arrays::compareUnsigned));
        changes.forEachInOrder(newest::put);
        long[] added = {0};
        changes.forEachInOrder((k, v) -> added[0] += k.length + v.length + 96);
        expectedBytes += added[0];
      }
      overlay = overlay.with(derived);
      assertThat(overlay.bytes()).as("seed=%d layer %d", seed, layer).isEqualTo(expectedBytes);
      for (Map.Entry<Long, TreeMap<byte[], byte[]>> e : model.entrySet()) {
        for (Map.Entry<byte[], byte[]> kv : e.getValue().entrySet()) {
          assertThat(overlay.get(e.getKey(), kv.getKey().clone()))
              .as("seed=%d layer %d", seed, layer)
              .isSameAs(kv.getValue());
        }
      }
      assertThat(overlay.get(IDS[0], new byte[] {99})).isNull();
      assertThat(overlay.get(5, new byte[] {0, 0})).isNull();
    }
    List<String> expected = new ArrayList<>();
    model.forEach((id, entries) ->
        entries.forEach((k, v) -> expected.add(id + Arrays.toString(k) + Arrays.toString(v))));
    List<String> visited = new ArrayList<>();
    overlay.forEachLatest((id, k, v) -> visited.add(id + Arrays.toString(k) + Arrays.toString(v)));
    assertThat(visited).as("seed=%d", seed).containsExactlyElementsOf(expected);
  }

  @Test
  void emptyChangesAddNoLayerAndClearedOnesAreRefused() {
    Map<Long, IndexChanges> empty = Map.of(1L, new IndexChanges());
    assertThat(DerivedOverlay.EMPTY.with(empty)).isSameAs(DerivedOverlay.EMPTY);
    IndexChanges cleared = new IndexChanges();
    cleared.cleared = true;
    assertThatThrownBy(() -> DerivedOverlay.EMPTY.with(Map.of(1L, cleared)))
        .isInstanceOf(IllegalStateException.class);
  }
}
