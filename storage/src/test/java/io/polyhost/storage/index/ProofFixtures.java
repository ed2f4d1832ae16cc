package io.polyhost.storage.index;

import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.MemoryRawIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Maps and key sets for proof tests. */
final class ProofFixtures {
  private ProofFixtures() {}

  static long seed() {
    long seed = Long.getLong("polyhost.seed", System.nanoTime());
    System.out.println("seed=" + seed);
    return seed;
  }

  /** A raw-key map of {@code size} keys in clusters sharing long prefixes; returns its keys. */
  static List<byte[]> fillRaw(ProofMapIndexView<byte[], byte[]> map, int size, Random rnd) {
    List<byte[]> keys = new ArrayList<>();
    while (keys.size() < size) {
      byte[] base = new byte[32];
      rnd.nextBytes(base);
      for (int i = 0; i < 1 + rnd.nextInt(4) && keys.size() < size; i++) {
        byte[] k = base.clone();
        k[31 - rnd.nextInt(3)] ^= (byte) (1 + rnd.nextInt(255));
        keys.add(k);
        byte[] value = new byte[1 + rnd.nextInt(10)];
        rnd.nextBytes(value);
        map.put(k, value);
      }
    }
    return keys;
  }

  static ProofMapIndexView<byte[], byte[]> rawMap(String name) {
    return new ProofMapIndexView<>(
        new MemoryRawIndex(name, IndexType.PROOF_MAP),
        Serializers.bytes(),
        Serializers.bytes(),
        false);
  }

  static ProofMapIndexView<byte[], byte[]> hashedMap(String name) {
    return new ProofMapIndexView<>(
        new MemoryRawIndex(name, IndexType.PROOF_MAP),
        Serializers.bytes(),
        Serializers.bytes(),
        true);
  }

  /** {@code count} keys: some from {@code present}, some fresh (absent). */
  static List<byte[]> mixedKeys(List<byte[]> present, int count, Random rnd) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (rnd.nextInt(3) == 0) {
        byte[] k = new byte[32];
        rnd.nextBytes(k);
        out.add(k);
      } else {
        out.add(present.get(rnd.nextInt(present.size())));
      }
    }
    return out;
  }
}
