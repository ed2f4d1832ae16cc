package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.index.IndexViews;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Random changes to an integer proof map beside a model, and checks of a map against its model. */
final class RandomProofMaps {
  private RandomProofMaps() {}

  /** Puts and removes {@code count} random entries in one fork and merges it. */
  static void commit(
      RocksDbDatabase db,
      IndexAddress address,
      SplittableRandom random,
      Map<Integer, Integer> model,
      int count) {
    try (Fork fork = db.fork()) {
      ProofMapIndex<Integer, Integer> m =
          IndexViews.over(fork).proofMap(address, Serializers.int32(), Serializers.int32());
      List<Integer> keys = new ArrayList<>(model.keySet());
      for (int i = 0; i < count; i++) {
        if (!keys.isEmpty() && random.nextInt(4) == 0) {
          Integer k = keys.get(random.nextInt(keys.size()));
          m.remove(k);
          model.remove(k);
        } else {
          int k = random.nextInt(1 << 20);
          int v = random.nextInt();
          m.put(k, v);
          model.put(k, v);
        }
      }
      db.merge(fork.intoPatch());
    }
  }

  static void checkAgainst(
      ProofMapIndex<Integer, Integer> m,
      Map<Integer, Integer> model,
      Hash expectedHash,
      SplittableRandom random,
      long seed) {
    Map<Integer, Integer> actual = new HashMap<>();
    m.entries().forEachRemaining(e -> actual.put(e.getKey(), e.getValue()));
    assertThat(actual).as("seed=%d", seed).isEqualTo(model);
    assertThat(m.objectHash()).as("seed=%d", seed).isEqualTo(expectedHash);
    List<Integer> keys = new ArrayList<>(model.keySet());
    for (int i = 0; i < 20; i++) {
      int key =
          random.nextBoolean() && !keys.isEmpty()
              ? keys.get(random.nextInt(keys.size()))
              : random.nextInt();
      MapProof proof = m.proof(key);
      assertThat(
              proof
                  .verify(expectedHash)
                  .value(key, Serializers.int32(), Serializers.int32())
                  .orElse(null))
          .as("seed=%d key=%d", seed, key)
          .isEqualTo(model.get(key));
    }
  }
}
