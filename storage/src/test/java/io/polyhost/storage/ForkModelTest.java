package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random writes, clears, flushes, rollbacks, merges and reopens against a plain model: the raw key
 * spaces of several indexes must always read exactly like the model.
 */
class ForkModelTest {
  private static final int INDEXES = 4;

  @TempDir Path dir;

  @Test
  void rawIndexesMatchModelAcrossFlushRollbackMergeAndReopen() {
    long seed =
        io.polyhost.storage.index.Seeds.pick(
            "rawIndexesMatchModelAcrossFlushRollbackMergeAndReopen");
    SplittableRandom random = new SplittableRandom(seed);
    List<TreeMap<byte[], byte[]>> committed = newModel();
    RocksDbDatabase db = RocksDbDatabase.open(dir);
    try {
      for (int round = 0; round < 60; round++) {
        List<TreeMap<byte[], byte[]>> flushed = copy(committed);
        List<TreeMap<byte[], byte[]>> current = copy(committed);
        Fork fork = db.fork();
        int steps = random.nextInt(1, 200);
        for (int step = 0; step < steps; step++) {
          int which = random.nextInt(INDEXES);
          RawIndex index = fork.rawIndex(address(which), IndexType.MAP);
          TreeMap<byte[], byte[]> model = current.get(which);
          int op = random.nextInt(100);
          if (op < 55) {
            byte[] key = key(random);
            byte[] value = bytes(random, random.nextInt(0, 40));
            index.put(key, value);
            model.put(key, value);
          } else if (op < 80) {
            byte[] key = key(random);
            index.remove(key);
            model.remove(key);
          } else if (op < 83) {
            index.clear();
            model.clear();
          } else if (op < 91) {
            fork.flush();
            flushed = copy(current);
          } else if (op < 96) {
            fork.rollback();
            current = copy(flushed);
          } else {
            assertReads(fork, current, "seed=" + seed + " round=" + round + " step=" + step);
          }
        }
        assertReads(fork, current, "seed=" + seed + " round=" + round + " before merge");
        if (random.nextInt(5) == 0) {
          fork.close(); // abandoned: nothing reaches the database
        } else {
          Patch patch = fork.intoPatch();
          assertReads(patch, current, "seed=" + seed + " round=" + round + " patch");
          db.merge(patch);
          patch.close();
          committed = current;
        }
        if (random.nextInt(10) == 0) {
          db.close();
          db = RocksDbDatabase.open(dir);
        }
        try (Snapshot snapshot = db.snapshot()) {
          assertReads(snapshot, committed, "seed=" + seed + " round=" + round + " committed");
        }
      }
    } finally {
      db.close();
    }
  }

  private static void assertReads(
      StorageAccess access, List<TreeMap<byte[], byte[]>> model, String context) {
    for (int i = 0; i < INDEXES; i++) {
      RawIndex index = access.rawIndexForRead(address(i), IndexType.MAP);
      TreeMap<byte[], byte[]> expected = model.get(i);
      assertThat(entries(index.iterator()))
          .as(context + " index " + i + " full scan")
          .containsExactlyElementsOf(entries(expected, new byte[0]));
      byte[] from = new byte[] {(byte) (i * 37)};
      assertThat(entries(index.iterator(from)))
          .as(context + " index " + i + " scan from " + Arrays.toString(from))
          .containsExactlyElementsOf(entries(expected, from));
      for (Map.Entry<byte[], byte[]> e : expected.entrySet()) {
        assertThat(index.get(e.getKey())).as(context).isEqualTo(e.getValue());
      }
    }
  }

  private static List<String> entries(Iterator<RawEntry> it) {
    List<String> out = new ArrayList<>();
    while (it.hasNext()) {
      RawEntry e = it.next();
      out.add(Arrays.toString(e.key()) + "=" + Arrays.toString(e.value()));
    }
    return out;
  }

  private static List<String> entries(TreeMap<byte[], byte[]> model, byte[] from) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : model.tailMap(from, true).entrySet()) {
      out.add(Arrays.toString(e.getKey()) + "=" + Arrays.toString(e.getValue()));
    }
    return out;
  }

  private static IndexAddress address(int i) {
    return i == INDEXES - 1
        ? IndexAddress.inGroup("group", new byte[] {7})
        : IndexAddress.of("svc.index" + i);
  }

  private static byte[] key(SplittableRandom random) {
    // A small key space so that overwrites and removals of existing keys are frequent.
    return bytes(random, random.nextInt(0, 3)).length == 0
        ? new byte[] {(byte) random.nextInt(256)}
        : new byte[] {(byte) random.nextInt(256), (byte) random.nextInt(4)};
  }

  private static byte[] bytes(SplittableRandom random, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return b;
  }

  private static List<TreeMap<byte[], byte[]>> newModel() {
    List<TreeMap<byte[], byte[]>> model = new ArrayList<>();
    for (int i = 0; i < INDEXES; i++) {
      model.add(new TreeMap<>(Arrays::compareUnsigned));
    }
    return model;
  }

  private static List<TreeMap<byte[], byte[]>> copy(List<TreeMap<byte[], byte[]>> model) {
    List<TreeMap<byte[], byte[]>> out = new ArrayList<>();
    for (TreeMap<byte[], byte[]> m : model) {
      TreeMap<byte[], byte[]> c = new TreeMap<>(Arrays::compareUnsigned);
      c.putAll(m);
      out.add(c);
    }
    return out;
  }
}
