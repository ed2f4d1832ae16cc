package io.polyhost.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.ProofListIndex;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.Fork;
import io.polyhost.storage.Patch;
import io.polyhost.storage.RocksDbDatabase;
import io.polyhost.storage.Snapshot;
import io.polyhost.storage.index.IndexViews;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration interrupted by closing the database (with unmerged work lost, as in a crash), resumed
 * by a new helper after reopening, flushed, and compared with the same data written directly.
 */
class ResumedMigrationTest {
  private static final int WALLETS = 100;

  @TempDir Path dir;

  @Test
  void migrationResumesAfterTheDatabaseIsReopened() {
    TreeMap<String, Long> expected = new TreeMap<>();
    try (RocksDbDatabase db = RocksDbDatabase.open(dir.resolve("db"))) {
      Fork fork = db.fork();
      MapIndex<String, Long> wallets =
          IndexViews.over(fork).map("svc.wallets", Serializers.string(), Serializers.int64());
      for (int i = 0; i < WALLETS; i++) {
        wallets.put("w" + i, (long) i);
        expected.put("w" + i, i + 10L);
      }
      IndexViews.over(fork).proofEntry("svc.version", Serializers.string()).set("1");
      merge(db, fork);

      MigrationHelper helper = MigrationHelper.create(db, "svc");
      migrateChunk(helper, 30);
      helper.merge();
      // Processed but never merged: lost with the process, and processed again after the restart.
      migrateChunk(helper, 10);
      helper.close();
    }

    Hash migrationHash;
    try (RocksDbDatabase db = RocksDbDatabase.open(dir.resolve("db"))) {
      try (MigrationHelper helper = MigrationHelper.create(db, "svc")) {
        assertThat(log(helper.newData())).hasSize(30);
        helper.iterLoop((h, iters) -> migrateChunk(h, iters, 7));
        helper.newData().proofEntry("version", Serializers.string()).set("2");
        List<String> log = log(helper.newData());
        assertThat(log)
            .as("each wallet processed exactly once")
            .hasSize(WALLETS)
            .doesNotHaveDuplicates();
        assertThat(log).containsExactlyElementsOf(expected.keySet());
        migrationHash = helper.finish();
      }
      Hash direct = directStateHash(expected);
      // The migration aggregates exactly the indexes the direct database has.
      assertThat(migrationHash).isEqualTo(direct);
      Fork fork = db.fork();
      fork.flushMigration("svc");
      merge(db, fork);
      try (Snapshot snapshot = db.snapshot()) {
        IndexAccess view = IndexViews.over(snapshot);
        ProofMapIndex<String, Long> migrated =
            view.proofMap("svc.wallets", Serializers.string(), Serializers.int64());
        TreeMap<String, Long> actual = new TreeMap<>();
        migrated.entries().forEachRemaining(e -> actual.put(e.getKey(), e.getValue()));
        assertThat(actual).isEqualTo(expected);
        assertThat(snapshot.stateHash()).isEqualTo(direct);
        assertThat(snapshot.migrationStateHash("svc")).isEqualTo(Hashing.map(Hash.zero()));
      }
    }
  }

  private Hash directStateHash(TreeMap<String, Long> wallets) {
    try (RocksDbDatabase direct = RocksDbDatabase.open(dir.resolve("direct"))) {
      Fork fork = direct.fork();
      IndexAccess root = IndexViews.over(fork);
      ProofMapIndex<String, Long> map =
          root.proofMap("svc.wallets", Serializers.string(), Serializers.int64());
      wallets.forEach(map::put);
      root.proofList("svc.log", Serializers.string()).addAll(wallets.keySet());
      root.proofEntry("svc.version", Serializers.string()).set("2");
      merge(direct, fork);
      try (Snapshot snapshot = direct.snapshot()) {
        return snapshot.stateHash();
      }
    }
  }

  private static void migrateChunk(MigrationHelper helper, int size) {
    migrateChunk(helper, PersistentIters.in(helper.scratchpad()), size);
  }

  private static void migrateChunk(MigrationHelper helper, PersistentIters iters, int size) {
    MapIndex<String, Long> old =
        helper.oldData().map("wallets", Serializers.string(), Serializers.int64());
    ProofMapIndex<String, Long> migrated =
        helper.newData().proofMap("wallets", Serializers.string(), Serializers.int64());
    ProofListIndex<String> log = helper.newData().proofList("log", Serializers.string());
    for (var e : iters.map("wallets", old, Serializers.string()).take(size)) {
      migrated.put(e.getKey(), e.getValue() + 10);
      log.add(e.getKey());
    }
  }

  private static List<String> log(IndexAccess data) {
    List<String> out = new ArrayList<>();
    data.proofList("log", Serializers.string()).forEach(out::add);
    return out;
  }

  private static void merge(RocksDbDatabase db, Fork fork) {
    Patch patch = fork.intoPatch();
    db.merge(patch);
    patch.close();
  }
}
