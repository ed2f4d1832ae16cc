package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializers;
import io.polyhost.api.storage.StorageException;
import io.polyhost.storage.index.IndexViews;
import io.polyhost.storage.index.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

/**
 * Proof map pages kept in memory between checkpoints ({@link DatabaseOptions#deferredPageBytes}):
 * hashes and proofs are those of a database that writes every page at every merge; old snapshots
 * keep reading their own state across checkpoints; a crash between checkpoints is repaired from the
 * log when the database is opened; and a log that contradicts the state is refused.
 */
class DeferredPagesTest {
  private static final IndexAddress MAP = IndexAddress.of("svc.map");
  private static final IndexAddress OTHER = IndexAddress.of("svc.other");

  @TempDir Path dir;

  /** A budget of a few merges' pages, so that the runs below checkpoint several times. */
  private static final long SMALL_BUDGET = 256 << 10;

  @ParameterizedTest
  @ValueSource(longs = {1, SMALL_BUDGET, 64L << 20})
  void oldSnapshotsReadTheirOwnStateAcrossCheckpoints(long budget) {
    long seed = Seeds.pick("DeferredPagesTest budget=" + budget);
    SplittableRandom random = new SplittableRandom(seed);
    try (RocksDbDatabase db = open(dir.resolve("deferred"), budget);
        RocksDbDatabase plain = open(dir.resolve("plain"), 0)) {
      Map<Integer, Integer> model = new HashMap<>();
      Map<Integer, Integer> plainModel = new HashMap<>();
      List<Snapshot> snapshots = new ArrayList<>();
      List<Map<Integer, Integer>> models = new ArrayList<>();
      List<Hash> hashes = new ArrayList<>();
      for (int round = 0; round < 12; round++) {
        long commitSeed = random.nextLong();
        commit(db, new SplittableRandom(commitSeed), model, 1_500);
        commit(plain, new SplittableRandom(commitSeed), plainModel, 1_500);
        if (round == 6) {
          db.checkpointNow(); // at least one checkpoint whatever the budget
        }
        Snapshot s = db.snapshot();
        Hash hash = map(s).objectHash();
        try (Snapshot p = plain.snapshot()) {
          assertThat(hash)
              .as("seed=%d round %d: same hash as writing every page", seed, round)
              .isEqualTo(map(p).objectHash());
          assertThat(s.stateHash()).as("seed=%d state hash", seed).isEqualTo(p.stateHash());
        }
        snapshots.add(s);
        models.add(new HashMap<>(model));
        hashes.add(hash);
      }
      assertThat(db.checkpoints()).as("seed=%d checkpoints", seed).isGreaterThanOrEqualTo(1);
      for (int i = 0; i < snapshots.size(); i++) {
        RandomProofMaps.checkAgainst(
            map(snapshots.get(i)), models.get(i), hashes.get(i), random, seed);
        snapshots.get(i).close();
      }
    }
  }

  /**
   * With the small budget every merge passes it, so checkpoints are written in the background while
   * merges go on, and the crash finds pages on disk from a checkpoint whose log entries are gone
   * while those of later merges remain.
   */
  @ParameterizedTest
  @ValueSource(longs = {SMALL_BUDGET, 64L << 20})
  void aCrashBetweenCheckpointsIsRepairedWhenTheDatabaseIsOpened(long budget) {
    long seed = Seeds.pick("DeferredPagesTest crash budget=" + budget);
    SplittableRandom random = new SplittableRandom(seed);
    Map<Integer, Integer> model = new HashMap<>();
    Map<Integer, Integer> other = new HashMap<>();
    Map<Integer, Integer> plainModel = new HashMap<>();
    Map<Integer, Integer> plainOther = new HashMap<>();
    Hash hash;
    Hash stateHash;
    String reference;
    try (RocksDbDatabase plain = open(dir.resolve("plain"), 0)) {
      RocksDbDatabase db = open(dir.resolve("crashed"), budget);
      for (int round = 0; round < 8; round++) {
        long commitSeed = random.nextLong();
        if (round == 3) {
          // A checkpoint in the middle: the log must cover only what follows it.
          db.checkpointNow();
        }
        commit(db, new SplittableRandom(commitSeed), model, 800);
        commit(plain, new SplittableRandom(commitSeed), plainModel, 800);
        long otherSeed = random.nextLong();
        RandomProofMaps.commit(db, OTHER, new SplittableRandom(otherSeed), other, 50);
        RandomProofMaps.commit(plain, OTHER, new SplittableRandom(otherSeed), plainOther, 50);
      }
      assertThat(db.overlay().isEmpty()).as("pages held in memory before the crash").isFalse();
      if (budget == SMALL_BUDGET) {
        assertThat(db.checkpoints())
            .as("seed=%d: written in the background too", seed)
            .isGreaterThan(1);
      }
      try (Snapshot s = db.snapshot()) {
        hash = map(s).objectHash();
        stateHash = s.stateHash();
      }
      db.closeAsIfCrashed();
      reference = StateDump.rawDigest(plain);
    }
    try (RocksDbDatabase db = open(dir.resolve("crashed"), budget)) {
      if (budget != SMALL_BUDGET) {
        assertThat(db.recoveredIndexes())
            .as("seed=%d: the map, the other map and the state aggregator", seed)
            .isEqualTo(3);
      }
      try (Snapshot s = db.snapshot()) {
        RandomProofMaps.checkAgainst(map(s), model, hash, random, seed);
        assertThat(s.stateHash()).isEqualTo(stateHash);
      }
      assertThat(StateDump.rawDigest(db)).as("seed=%d raw key space", seed).isEqualTo(reference);
      // Writing on goes on from the repaired pages.
      commit(db, random, model, 500);
      try (Snapshot s = db.snapshot()) {
        RandomProofMaps.checkAgainst(map(s), model, map(s).objectHash(), random, seed);
      }
    }
    try (RocksDbDatabase db = open(dir.resolve("crashed"), budget)) {
      assertThat(db.recoveredIndexes()).as("after a clean close").isZero();
    }
  }

  @Test
  void clearingAMapWhosePagesAreInMemoryLeavesNoneBehind() {
    long seed = Seeds.pick("DeferredPagesTest clear");
    SplittableRandom random = new SplittableRandom(seed);
    Map<Integer, Integer> model = new HashMap<>();
    RocksDbDatabase db = open(dir, 64L << 20);
    commit(db, random, model, 3_000);
    try (Fork fork = db.fork()) {
      map(fork).clear();
      db.merge(fork.intoPatch());
    }
    model.clear();
    commit(db, random, model, 200);
    Hash hash;
    try (Snapshot s = db.snapshot()) {
      hash = map(s).objectHash();
      RandomProofMaps.checkAgainst(map(s), model, hash, random, seed);
    }
    db.closeAsIfCrashed();
    try (RocksDbDatabase reopened = open(dir, 64L << 20);
        Snapshot s = reopened.snapshot()) {
      RandomProofMaps.checkAgainst(map(s), model, hash, random, seed);
    }
  }

  @Test
  void aLogThatContradictsTheStateIsRefused() throws Exception {
    long seed = Seeds.pick("DeferredPagesTest tamper");
    SplittableRandom random = new SplittableRandom(seed);
    RocksDbDatabase db = open(dir, 64L << 20);
    Map<Integer, Integer> model = new HashMap<>();
    commit(db, random, model, 500);
    commit(db, random, model, 500);
    db.closeAsIfCrashed();
    try (Options options = new Options();
        RocksDB rocks = RocksDB.open(options, dir.toString());
        RocksIterator it = rocks.newIterator()) {
      int entries = 0;
      for (it.seek(Keys.prefix(DerivationLog.LOG_ID)); it.isValid(); it.next()) {
        byte[] value = it.value();
        // The first new value hash of the entry's first record (after its 4-byte length): each
        // change is a 32-byte path, then 0x01 and the hash, or 0x00 for a removal.
        int at = 4;
        while (value[at + 32] != 1) {
          at += 33;
        }
        value[at + 33] ^= 1;
        rocks.put(it.key(), value);
        entries++;
      }
      assertThat(entries).as("log entries").isPositive();
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      // Twice: a refused open must release the database again.
      assertThatThrownBy(() -> open(dir, 64L << 20))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("Cannot recover the pages of proof map")
          .hasMessageContaining("but its state records");
    }
  }

  private static RocksDbDatabase open(Path path, long budget) {
    return RocksDbDatabase.open(path, DatabaseOptions.defaults().withDeferredPageBytes(budget));
  }

  private static void commit(
      RocksDbDatabase db, SplittableRandom random, Map<Integer, Integer> model, int count) {
    RandomProofMaps.commit(db, MAP, random, model, count);
  }

  private static ProofMapIndex<Integer, Integer> map(StorageAccess access) {
    return map(access, MAP);
  }

  private static ProofMapIndex<Integer, Integer> map(StorageAccess access, IndexAddress address) {
    return IndexViews.over(access).proofMap(address, Serializers.int32(), Serializers.int32());
  }
}
