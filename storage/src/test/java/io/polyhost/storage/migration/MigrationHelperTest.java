package io.polyhost.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.migration.MigrationAbortedException;
import io.polyhost.api.storage.Entry;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.Database;
import io.polyhost.storage.Fork;
import io.polyhost.storage.Migration;
import io.polyhost.storage.Patch;
import io.polyhost.storage.RocksDbDatabase;
import io.polyhost.storage.Scratchpad;
import io.polyhost.storage.Snapshot;
import io.polyhost.storage.WithDatabase;
import io.polyhost.storage.index.IndexViews;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The helper a migration script works with: data access, merges, iteration loops, aborting. */
class MigrationHelperTest extends WithDatabase {
  // Reference scenario: concurrent_borrow_of_original_and_migrated_index.
  @Test
  void concurrentBorrowOfOriginalAndMigratedIndex() {
    try (MigrationHelper helper = MigrationHelper.create(db, "test")) {
      Entry<Integer> oldEntry = helper.oldData().proofEntry("entry", Serializers.int32());
      assertThat(oldEntry.get()).isEmpty();
      Entry<Integer> newEntry = helper.newData().proofEntry("entry", Serializers.int32());
      newEntry.set(1);
      assertThat(oldEntry.get()).isEmpty();
      assertThat(newEntry.get()).contains(1);
      assertThatThrownBy(() -> oldEntry.set(2))
          .isInstanceOf(io.polyhost.api.storage.ReadOnlyStorageException.class);
    }
  }

  // Reference scenario: scratchpad_is_cleared_after_migration.
  @Test
  void scratchpadIsClearedAfterMigration() {
    try (MigrationHelper helper = MigrationHelper.create(db, "test")) {
      helper.scratchpad().entry("entry", Serializers.int32()).set(1);
      helper.merge();
      assertThat(helper.scratchpad().entry("entry", Serializers.int32()).get()).contains(1);
    }
    try (Fork fork = db.fork()) {
      fork.flushMigration("test");
      assertThat(Scratchpad.of(fork, "test").indexType(IndexAddress.of("entry"))).isEmpty();

      try (MigrationHelper helper = MigrationHelper.create(db, "test")) {
        helper.scratchpad().entry("entry", Serializers.int32()).set(1);
        helper.merge();
      }
      fork.rollbackMigration("test");
      assertThat(Scratchpad.of(fork, "test").indexType(IndexAddress.of("entry"))).isEmpty();
    }
  }

  // Reference scenario: loop_iter_simple.
  @Test
  void loopIterSimple() {
    Map<String, Long> data =
        Map.of("Alice", 100L, "Bob", 75L, "Carol", 11L, "Dave", 99L, "Eve", 42L);
    Fork fork = db.fork();
    MapIndex<String, Long> balances =
        IndexViews.over(fork).map("test.balances", Serializers.string(), Serializers.int64());
    data.forEach(balances::put);
    merge(fork);

    try (MigrationHelper helper = MigrationHelper.create(db, "test")) {
      int[] rounds = {0};
      helper.iterLoop((h, iters) -> {
        rounds[0]++;
        MapIndex<String, Long> old =
            h.oldData().map("balances", Serializers.string(), Serializers.int64());
        ProofMapIndex<String, Long> updated =
            h.newData().proofMap("balances", Serializers.string(), Serializers.int64());
        for (var e : iters.map("balances", old, Serializers.string()).take(2)) {
          updated.put(e.getKey(), e.getValue() + 10);
        }
      });
      assertThat(rounds[0]).as("chunks of 2 out of 5").isEqualTo(3);
      Map<String, Long> migrated = new HashMap<>();
      helper
          .newData()
          .proofMap("balances", Serializers.string(), Serializers.int64())
          .entries()
          .forEachRemaining(e -> migrated.put(e.getKey(), e.getValue() - 10));
      assertThat(migrated).isEqualTo(data);
    }
  }

  // Reference scenario: aborting_migration.
  @Test
  void abortingMigration() throws Exception {
    Rig rig = new Rig();
    rig.handle.abort();
    rig.proceed.countDown();
    assertThatThrownBy(rig.result::get)
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(MigrationAbortedException.class);
    assertThat(rig.handle.isAborted()).isTrue();
    assertThat(rig.handle.isFinished()).isTrue();
    try (Snapshot snapshot = db.snapshot()) {
      Migration migration = Migration.of(snapshot, "test");
      assertThat(migration.indexType(IndexAddress.of("entry"))).isEmpty();
    }
  }

  // Reference scenario: forgetting_abort_handle. A Java handle never aborts by being dropped.
  @Test
  void forgettingAbortHandle() throws Exception {
    CompletableFuture<Hash> result;
    CountDownLatch proceed;
    {
      // The handle is obtained and dropped unused: only abort() stops a migration.
      Rig rig = new Rig();
      result = rig.result;
      proceed = rig.proceed;
    }
    System.gc();
    proceed.countDown();
    Hash hash = result.get(30, TimeUnit.SECONDS);
    try (Snapshot snapshot = db.snapshot()) {
      Migration migration = Migration.of(snapshot, "test");
      assertThat(IndexViews.over(migration).entry("entry", Serializers.int32()).get()).contains(1);
      assertThat(snapshot.migrationStateHash("test")).isEqualTo(hash);
    }
  }

  // Reference scenario: abort_handle_is_finished.
  @Test
  void abortHandleIsFinished() throws Exception {
    Rig rig = new Rig();
    assertThat(rig.handle.isFinished()).isFalse();
    rig.proceed.countDown();
    rig.result.get(30, TimeUnit.SECONDS);
    assertThat(rig.handle.isFinished()).isTrue();
    assertThat(rig.handle.isAborted()).isFalse();
  }

  @Test
  void abortedHelperMergesNothingAndRefusesFurtherWork() {
    MigrationHelper helper = MigrationHelper.create(db, "test");
    helper.newData().entry("kept", Serializers.int32()).set(1);
    helper.merge();
    helper.newData().entry("lost", Serializers.int32()).set(2);
    helper.abortHandle().abort();
    assertThatThrownBy(helper::merge)
        .isInstanceOf(MigrationAbortedException.class)
        .hasMessageContaining("'test'");
    assertThat(helper.abortHandle().isFinished()).isTrue();
    assertThatThrownBy(helper::newData).isInstanceOf(MigrationAbortedException.class);
    assertThatThrownBy(helper::finish).isInstanceOf(MigrationAbortedException.class);
    helper.close();
    try (Snapshot snapshot = db.snapshot()) {
      Migration migration = Migration.of(snapshot, "test");
      assertThat(migration.indexType(IndexAddress.of("kept"))).isPresent();
      assertThat(migration.indexType(IndexAddress.of("lost"))).isEmpty();
    }
  }

  @Test
  void finishReturnsTheMigrationHashAndEndsTheHelper() {
    MigrationHelper helper = MigrationHelper.create(db, "test");
    helper.newData().proofList("list", Serializers.int32()).add(7);
    helper.createTombstone("old");
    Hash hash = helper.finish();
    assertThat(helper.abortHandle().isFinished()).isTrue();
    assertThatThrownBy(helper::merge)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("finished");
    try (Snapshot snapshot = db.snapshot()) {
      assertThat(snapshot.migrationStateHash("test"))
          .isEqualTo(hash)
          .isEqualTo(Migration.of(snapshot, "test").stateAggregator().objectHash());
      assertThat(Migration.of(snapshot, "test").indexType(IndexAddress.of("old")))
          .contains(io.polyhost.api.storage.IndexType.TOMBSTONE);
    }
    assertThatThrownBy(() -> MigrationHelper.create(db, "a.b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closedHelperDiscardsUnmergedChanges() {
    MigrationHelper helper = MigrationHelper.create(db, "test");
    helper.newData().entry("e", Serializers.int32()).set(1);
    helper.close();
    helper.close();
    assertThat(helper.abortHandle().isFinished()).isTrue();
    try (Snapshot snapshot = db.snapshot()) {
      assertThat(Migration.of(snapshot, "test").indexType(IndexAddress.of("e"))).isEmpty();
    }
  }

  @Test
  void abortWaitsForAMergeInProgressAndStopsTheNextOne() throws Exception {
    GatedDatabase gated = new GatedDatabase(db);
    MigrationHelper helper = MigrationHelper.create(gated, "test");
    helper.newData().entry("merged", Serializers.int32()).set(1);
    Thread merging = new Thread(helper::merge, "merging");
    merging.start();
    assertThat(gated.entered.await(30, TimeUnit.SECONDS)).isTrue();
    Thread aborting = new Thread(helper.abortHandle()::abort, "aborting");
    aborting.start();
    aborting.join(200);
    assertThat(aborting.isAlive()).as("abort() waits for the merge in progress").isTrue();
    gated.release.countDown();
    aborting.join(30_000);
    merging.join(30_000);
    assertThat(aborting.isAlive()).isFalse();

    helper.newData().entry("refused", Serializers.int32()).set(2);
    assertThatThrownBy(helper::merge).isInstanceOf(MigrationAbortedException.class);
    try (Snapshot snapshot = db.snapshot()) {
      Migration migration = Migration.of(snapshot, "test");
      assertThat(migration.indexType(IndexAddress.of("merged"))).isPresent();
      assertThat(migration.indexType(IndexAddress.of("refused"))).isEmpty();
    }
  }

  /** A database whose first merge waits, inside the merge, until the test releases it. */
  private static final class GatedDatabase implements Database {
    final RocksDbDatabase inner;
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    GatedDatabase(RocksDbDatabase inner) {
      this.inner = inner;
    }

    @Override
    public Snapshot snapshot() {
      return inner.snapshot();
    }

    @Override
    public Fork fork() {
      return inner.fork();
    }

    @Override
    public void merge(Patch patch) {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      inner.merge(patch);
    }

    @Override
    public void close() {}
  }

  /** A migration on its own thread that waits for the test's signal, then writes and finishes. */
  private final class Rig {
    final CountDownLatch proceed = new CountDownLatch(1);
    final CompletableFuture<Hash> result = new CompletableFuture<>();
    final AbortHandle handle;

    Rig() throws Exception {
      CompletableFuture<AbortHandle> handed = new CompletableFuture<>();
      Thread thread =
          new Thread(
              () -> {
                try (MigrationHelper helper = MigrationHelper.create(db, "test")) {
                  handed.complete(helper.abortHandle());
                  proceed.await();
                  helper.newData().entry("entry", Serializers.int32()).set(1);
                  result.complete(helper.finish());
                } catch (Throwable e) {
                  result.completeExceptionally(e);
                }
              },
              "migration-test");
      thread.start();
      handle = handed.get(30, TimeUnit.SECONDS);
    }
  }

  private void merge(Fork fork) {
    Patch patch = fork.intoPatch();
    db.merge(patch);
    patch.close();
  }
}
