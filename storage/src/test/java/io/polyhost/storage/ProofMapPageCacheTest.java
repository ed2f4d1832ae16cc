package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.index.IndexViews;
import io.polyhost.storage.index.Seeds;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The database's page cache never shows a reader pages of another state: snapshots taken before
 * merges, forks rolled back after hashing, and patches that were never merged all keep answering
 * for their own state, whatever the cache holds (large, tiny, or none).
 */
class ProofMapPageCacheTest {
  private static final IndexAddress MAP = IndexAddress.of("svc.map");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(longs = {256L << 20, 8 << 10, 0})
  void readersOnlyEverSeeTheirOwnState(long cacheBytes) {
    long seed = Seeds.pick("ProofMapPageCacheTest cache=" + cacheBytes);
    SplittableRandom random = new SplittableRandom(seed);
    try (RocksDbDatabase db =
        RocksDbDatabase.open(dir, DatabaseOptions.defaults().withPageCacheBytes(cacheBytes))) {
      Map<Integer, Integer> model = new HashMap<>();
      commit(db, random, model, 2_000);
      Snapshot before = db.snapshot();
      Map<Integer, Integer> modelBefore = new HashMap<>(model);
      Hash hashBefore = map(before).objectHash();

      // Forks that hash and then roll back, or are never merged, leave their pages in the cache.
      try (Fork fork = db.fork()) {
        ProofMapIndex<Integer, Integer> m = map(fork);
        m.put(random.nextInt(), 1);
        assertThat(m.objectHash()).isNotEqualTo(hashBefore);
        fork.rollback();
        assertThat(map(fork).objectHash()).as("seed=%d", seed).isEqualTo(hashBefore);
        RandomProofMaps.checkAgainst(map(fork), modelBefore, hashBefore, random, seed);
        map(fork).put(random.nextInt(), 2);
        fork.intoPatch().close();
      }
      for (int i = 0; i < 5; i++) {
        commit(db, random, model, 300);
      }

      RandomProofMaps.checkAgainst(map(before), modelBefore, hashBefore, random, seed);
      before.close();
      try (Snapshot after = db.snapshot()) {
        ProofMapIndex<Integer, Integer> m = map(after);
        RandomProofMaps.checkAgainst(m, model, m.objectHash(), random, seed);
      }
    }
  }

  /** Puts and removes {@code count} random entries in one fork and merges it. */
  private static void commit(
      RocksDbDatabase db, SplittableRandom random, Map<Integer, Integer> model, int count) {
    RandomProofMaps.commit(db, MAP, random, model, count);
  }

  private static ProofMapIndex<Integer, Integer> map(StorageAccess access) {
    return IndexViews.over(access).proofMap(MAP, Serializers.int32(), Serializers.int32());
  }
}
