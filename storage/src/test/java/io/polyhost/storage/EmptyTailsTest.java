package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.storage.index.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Scans of snapshots answered from what the database knows to be empty ({@link EmptyTails}) must
 * see exactly what RocksDB holds: after merges that write into a known-empty tail, clear an index
 * or only delete, and for snapshots taken before such merges.
 */
class EmptyTailsTest extends WithDatabase {
  private static final List<IndexAddress> INDEXES =
      List.of(IndexAddress.of("t.a"), IndexAddress.of("t.b"), IndexAddress.of("t.c"));

  @Test
  void aWriteIntoALearnedEmptyTailIsSeenByTheNextSnapshot() {
    IndexAddress a = INDEXES.getFirst();
    merge(fork -> fork.rawIndex(a, IndexType.MAP).put(b(1), b(1)));
    assertThat(scan(a, b(5))).isEmpty(); // learned: nothing from 5 on
    assertThat(scan(a, b(5))).isEmpty();
    merge(fork -> fork.rawIndex(a, IndexType.MAP).put(b(7), b(7)));
    assertThat(scan(a, b(5))).containsExactly("07");
    assertThat(scan(a, b(8))).isEmpty();
  }

  @Test
  void aClearedIndexHoldsOnlyWhatTheClearingMergeWrote() {
    IndexAddress a = INDEXES.getFirst();
    merge(fork -> {
      RawIndex raw = fork.rawIndex(a, IndexType.MAP);
      raw.put(b(1), b(1));
      raw.put(b(9), b(9));
    });
    merge(fork -> {
      RawIndex raw = fork.rawIndex(a, IndexType.MAP);
      raw.clear();
      raw.put(b(3), b(3));
    });
    assertThat(scan(a, new byte[0])).containsExactly("03");
    merge(fork -> fork.rawIndex(a, IndexType.MAP).put(b(9), b(9)));
    assertThat(scan(a, new byte[0])).containsExactly("03", "09");
  }

  @Test
  void aSnapshotTakenBeforeAMergeKeepsItsView() {
    IndexAddress a = INDEXES.getFirst();
    merge(fork -> fork.rawIndex(a, IndexType.MAP).put(b(1), b(1)));
    try (Snapshot old = db.snapshot()) {
      assertThat(entries(old, a, b(2))).isEmpty();
      merge(fork -> fork.rawIndex(a, IndexType.MAP).put(b(4), b(4)));
      assertThat(entries(old, a, b(2))).as("the old snapshot").isEmpty();
      assertThat(scan(a, b(2))).as("a new snapshot").containsExactly("04");
      try (Snapshot newer = db.snapshot()) {
        merge(fork -> fork.rawIndex(a, IndexType.MAP).remove(b(4)));
        assertThat(entries(newer, a, b(2))).containsExactly("04");
        assertThat(entries(old, a, b(0))).containsExactly("01");
      }
      assertThat(scan(a, b(2))).isEmpty();
    }
  }

  @Test
  void randomMergesAndScansAgreeWithAModel() {
    long seed = Seeds.pick("EmptyTailsTest");
    SplittableRandom random = new SplittableRandom(seed);
    List<TreeMap<byte[], byte[]>> model = new ArrayList<>();
    for (int i = 0; i < INDEXES.size(); i++) {
      model.add(new TreeMap<>(Arrays::compareUnsigned));
    }
    record Kept(Snapshot snapshot, List<TreeMap<byte[], byte[]>> state) {}
    List<Kept> kept = new ArrayList<>();
    for (int step = 0; step < 300; step++) {
      if (random.nextInt(3) == 0) {
        merge(fork -> {
          for (int op = random.nextInt(4); op >= 0; op--) {
            int index = random.nextInt(INDEXES.size());
            RawIndex raw = fork.rawIndex(INDEXES.get(index), IndexType.MAP);
            TreeMap<byte[], byte[]> m = model.get(index);
            byte[] key = key(random);
            switch (random.nextInt(10)) {
              case 0 -> {
                raw.clear();
                m.clear();
              }
              case 1, 2, 3 -> {
                raw.remove(key);
                m.remove(key);
              }
              case 4 -> drain(raw.iterator(key)); // the fork's own scans teach nothing wrong
              default -> {
                byte[] value = {(byte) random.nextInt(256)};
                raw.put(key, value);
                m.put(key, value);
              }
            }
          }
        });
      }
      int index = random.nextInt(INDEXES.size());
      IndexAddress a = INDEXES.get(index);
      byte[] from = key(random);
      assertThat(scan(a, from))
          .as("seed=%d, step %d, %s from %s", seed, step, a, Arrays.toString(from))
          .isEqualTo(hex(model.get(index).tailMap(from, true)));
      if (random.nextInt(10) == 0) {
        List<TreeMap<byte[], byte[]>> copy = new ArrayList<>();
        model.forEach(m -> copy.add(new TreeMap<>(m)));
        kept.add(new Kept(db.snapshot(), copy));
      }
      if (!kept.isEmpty() && random.nextInt(4) == 0) {
        Kept k = kept.get(random.nextInt(kept.size()));
        assertThat(entries(k.snapshot(), a, from))
            .as("seed=%d, step %d, an older snapshot, %s", seed, step, a)
            .isEqualTo(hex(k.state().get(index).tailMap(from, true)));
      }
    }
    kept.forEach(k -> k.snapshot().close());
  }

  private void merge(Consumer<Fork> changes) {
    try (Fork fork = db.fork()) {
      changes.accept(fork);
      db.merge(fork.intoPatch());
    }
  }

  private List<String> scan(IndexAddress address, byte[] from) {
    try (Snapshot s = db.snapshot()) {
      return entries(s, address, from);
    }
  }

  private static List<String> entries(Snapshot s, IndexAddress address, byte[] from) {
    List<String> out = new ArrayList<>();
    s.rawIndexForRead(address, IndexType.MAP)
        .iterator(from)
        .forEachRemaining(e -> out.add(java.util.HexFormat.of().formatHex(e.key())));
    return out;
  }

  private static List<String> hex(Map<byte[], byte[]> entries) {
    return entries.keySet().stream().map(k -> java.util.HexFormat.of().formatHex(k)).toList();
  }

  private static byte[] key(SplittableRandom random) {
    byte[] key = new byte[1 + random.nextInt(2)];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) random.nextInt(6);
    }
    return key;
  }

  private static void drain(java.util.Iterator<RawEntry> it) {
    it.forEachRemaining(e -> {});
  }

  private static byte[] b(int value) {
    return new byte[] {(byte) value};
  }
}
