package io.polyhost.host.dispatcher;

import static io.polyhost.host.dispatcher.MigrationRig.NEW;
import static io.polyhost.host.dispatcher.MigrationRig.requireError;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.Version;
import io.polyhost.host.testing.Counter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Committing migrations (T6) and flushing them (T8): the checks, the commit waiting for the local
 * script, and the node halting when its outcome differs from the agreed one — whether the script is
 * still running, finished in memory, recorded, or recorded before a restart.
 */
class MigrationCommitTest {
  private static final String END = "0.3.0";
  private static final String FAILURE = "This migration is unsuccessful!";

  /** How far the local script got when the block committing its migration arrives. */
  enum LocalResult {
    /** Still running: the commit waits for it. */
    NONE,
    /** Finished, its outcome not yet recorded by a block. */
    IN_MEMORY,
    /** Finished and recorded. */
    SAVED,
    /** Recorded, and the node restarted since. */
    SAVED_AND_NODE_RESTART
  }

  @TempDir Path dir;

  private MigrationRig rig(String... services) {
    return new MigrationRig(dir.resolve("chain"), dir.resolve("scratch"), services);
  }

  private static InstanceStatus committed(Hash hash) {
    return InstanceStatus.Migrating.running(NEW, Version.parse(END)).commit(hash);
  }

  @Test
  void migrationCommitWorkflow() {
    try (var rig = rig("good")) {
      rig.script(NEW, Scripts.good(END));
      rig.increment("good");
      rig.stop("good");
      rig.initiate(NEW, "good");
      MigrationRig.joinScript("good");
      rig.emptyBlock();
      var hash = rig.expectedHash("good", 1 + Scripts.OFFSET);

      rig.commit("good", hash);
      assertThat(rig.localHash("good")).isEqualTo(hash);
      assertThat(rig.state("good").status()).contains(committed(hash));
      requireError(
          rig.supervise(ext -> ext.initiateMigration(NEW, "good")),
          CoreError.INVALID_SERVICE_TRANSITION,
          "migrating");

      rig.flush("good");
      var state = rig.state("good");
      assertThat(state.status()).contains(InstanceStatus.STOPPED);
      assertThat(state.dataVersion()).contains(Version.parse(END));
      assertThat(state.spec().artifact()).isEqualTo(MigrationRig.OLD);
      assertThat(rig.localResult("good")).isEmpty();
      assertThat(rig.entry("good")).contains(1 + Scripts.OFFSET);
      assertThat(rig.count("good")).as("tombstoned").isEmpty();
      assertThat(rig.migratedEntry("good")).isEmpty();
      requireError(
          rig.supervise(ext -> ext.flushMigration("good")), CoreError.NO_MIGRATION, "'good'");
    }
  }

  @Test
  void migrationCommitInvariants() {
    try (var rig = rig("good")) {
      rig.script(NEW, Scripts.good(END));
      requireError(
          rig.supervise(ext -> ext.commitMigration("bogus", Hash.zero())),
          CoreError.INCORRECT_INSTANCE_ID,
          "bogus");
      requireError(
          rig.supervise(ext -> ext.commitMigration("good", Hash.zero())),
          CoreError.NO_MIGRATION,
          "'good'");
      rig.stop("good");
      requireError(
          rig.supervise(ext -> ext.commitMigration("good", Hash.zero())),
          CoreError.NO_MIGRATION,
          "'good'");

      rig.initiate(NEW, "good");
      var hash = rig.expectedHash("good", Scripts.OFFSET);
      var errors =
          rig.superviseInOneBlock(
              ext -> ext.commitMigration("good", hash),
              ext -> ext.commitMigration("good", hash),
              // Flushing needs a commit of an earlier block.
              ext -> ext.flushMigration("good"));
      assertThat(errors.get(0)).isEmpty();
      requireError(errors.get(1), CoreError.SERVICE_PENDING, "'good'");
      requireError(errors.get(2), CoreError.NO_MIGRATION, "'good'");
      requireError(
          rig.supervise(ext -> ext.commitMigration("good", hash)),
          CoreError.NO_MIGRATION,
          "'good'");
      errors =
          rig.superviseInOneBlock(
              ext -> ext.flushMigration("good"), ext -> ext.flushMigration("good"));
      assertThat(errors.get(0)).isEmpty();
      requireError(errors.get(1), CoreError.SERVICE_PENDING, "'good'");
    }
  }

  @Test
  void migrationCommitWithLocalErrorBlocking() {
    commitWithLocalError(LocalResult.NONE);
  }

  @Test
  void migrationCommitWithLocalErrorInMemory() {
    commitWithLocalError(LocalResult.IN_MEMORY);
  }

  @Test
  void migrationCommitWithLocalErrorSaved() {
    commitWithLocalError(LocalResult.SAVED);
  }

  @Test
  void migrationCommitWithLocalErrorSavedAndNodeRestart() {
    commitWithLocalError(LocalResult.SAVED_AND_NODE_RESTART);
  }

  private void commitWithLocalError(LocalResult local) {
    try (var rig = rig("service")) {
      ScriptGate gate = new ScriptGate();
      rig.script(NEW, Scripts.gatedFailing(END, gate, FAILURE));
      rig.stop("service");
      rig.initiate(NEW, "service");
      reach(rig, gate, local);
      var hash = rig.expectedHash("service", Scripts.OFFSET);

      NodeHaltException halt =
          rig.requireHalt(rig.chain.supervise(ext -> ext.commitMigration("service", hash)));
      assertThat(halt)
          .hasMessageContaining("'service'")
          .hasMessageContaining("failed")
          .hasMessageContaining(FAILURE)
          .hasMessageContaining("maintenance restart-migration service");
      requireNothingCommitted(rig, local);
    }
  }

  @Test
  void testMigrationRestart() {
    try (var rig = rig("service")) {
      AtomicBoolean good = new AtomicBoolean();
      rig.scripts.put(
          NEW,
          (artifact, version) ->
              Optional.of(good.get() ? Scripts.good(END) : Scripts.failing(END, FAILURE)));
      rig.stop("service");
      rig.initiate(NEW, "service");
      MigrationRig.joinScript("service");
      rig.emptyBlock();
      var hash = rig.expectedHash("service", Scripts.OFFSET);
      rig.requireHalt(rig.chain.supervise(ext -> ext.commitMigration("service", hash)));
      assertThat(rig.localResult("service").orElseThrow().getError()).isEqualTo(FAILURE);

      // The operator fixes the node, removes the failed outcome and restarts: the script runs
      // again, and the node follows the network's commit.
      good.set(true);
      rig.restartMigration("service");
      assertThat(rig.localResult("service")).isEmpty();
      assertThat(rig.migratedEntry("service"))
          .as("data of the failed run")
          .isNotEqualTo(Optional.of(1L));
      rig.commit("service", hash);
      assertThat(rig.scriptRunning("service")).isFalse();
      assertThat(rig.localHash("service")).isEqualTo(hash);
      assertThat(rig.state("service").status()).contains(committed(hash));
      rig.flush("service");
      assertThat(rig.entry("service")).contains(Scripts.OFFSET);
    }
  }

  @Test
  void migrationCommitWithDifferingHashBlocking() {
    commitWithDifferingHash(LocalResult.NONE);
  }

  @Test
  void migrationCommitWithDifferingHashInMemory() {
    commitWithDifferingHash(LocalResult.IN_MEMORY);
  }

  @Test
  void migrationCommitWithDifferingHashSaved() {
    commitWithDifferingHash(LocalResult.SAVED);
  }

  @Test
  void migrationCommitWithDifferingHashSavedAndNodeRestarted() {
    commitWithDifferingHash(LocalResult.SAVED_AND_NODE_RESTART);
  }

  private void commitWithDifferingHash(LocalResult local) {
    try (var rig = rig("service")) {
      ScriptGate gate = new ScriptGate();
      rig.script(NEW, Scripts.gated(END, gate));
      rig.stop("service");
      rig.initiate(NEW, "service");
      reach(rig, gate, local);
      var agreed = rig.expectedHash("service", 7);
      var mine = rig.expectedHash("service", Scripts.OFFSET);

      NodeHaltException halt =
          rig.requireHalt(rig.chain.supervise(ext -> ext.commitMigration("service", agreed)));
      assertThat(halt)
          .hasMessageContaining("'service'")
          .hasMessageContaining(mine.toString())
          .hasMessageContaining(agreed.toString())
          .hasMessageContaining("maintenance restart-migration service");
      requireNothingCommitted(rig, local);
      if (local != LocalResult.NONE && local != LocalResult.IN_MEMORY) {
        assertThat(rig.localHash("service")).isEqualTo(mine);
      }
    }
  }

  /** Lets the script (waiting at {@code gate}) get as far as {@code local} says. */
  private static void reach(MigrationRig rig, ScriptGate gate, LocalResult local) {
    gate.awaitReached();
    switch (local) {
      case NONE -> gate.releaseWhileCommitWaits(Thread.currentThread());
      case IN_MEMORY -> {
        gate.release();
        MigrationRig.joinScript("service");
        assertThat(rig.localResult("service")).isEmpty();
      }
      case SAVED, SAVED_AND_NODE_RESTART -> {
        gate.release();
        MigrationRig.joinScript("service");
        rig.emptyBlock();
        assertThat(rig.localResult("service")).isPresent();
        if (local == LocalResult.SAVED_AND_NODE_RESTART) {
          rig.chain.restart();
          assertThat(rig.scriptRunning("service")).as("a script with an outcome").isFalse();
        }
      }
    }
  }

  private static void requireNothingCommitted(MigrationRig rig, LocalResult local) {
    assertThat(rig.state("service").status())
        .contains(InstanceStatus.Migrating.running(NEW, Version.parse(END)));
    boolean saved = local == LocalResult.SAVED || local == LocalResult.SAVED_AND_NODE_RESTART;
    assertThat(rig.localResult("service").isPresent()).as("a recorded outcome").isEqualTo(saved);
  }

  @Test
  void migrationCommitWithoutCompletingScriptLocally() {
    try (var rig = rig("test")) {
      ScriptGate gate = new ScriptGate();
      rig.script(NEW, Scripts.gated(END, gate));
      rig.increment("test");
      rig.stop("test");
      rig.initiate(NEW, "test");
      gate.awaitReached();
      var hash = rig.expectedHash("test", 1 + Scripts.OFFSET);

      gate.releaseWhileCommitWaits(Thread.currentThread());
      rig.commit("test", hash);
      assertThat(rig.scriptRunning("test")).isFalse();
      assertThat(rig.state("test").status()).contains(committed(hash));
      assertThat(rig.localHash("test")).isEqualTo(hash);

      var before = rig.chain.chain().lastBlock().stateHash();
      rig.flush("test");
      var state = rig.state("test");
      assertThat(state.dataVersion()).contains(Version.parse(END));
      assertThat(state.status()).contains(InstanceStatus.STOPPED);
      assertThat(rig.localResult("test")).isEmpty();
      assertThat(rig.entry("test")).contains(1 + Scripts.OFFSET);
      assertThat(rig.chain.chain().lastBlock().stateHash())
          .as("the flushed data enters the state hash")
          .isNotEqualTo(before);
    }
  }

  /**
   * A supervisor call that flushes a migration and then fails leaves nothing behind: neither its
   * own writes nor the moved data (the flush is applied when the block's transitions end).
   */
  @Test
  void failedFlushIsRolledBackWithItsCall() {
    try (var rig = rig("test")) {
      rig.script(NEW, Scripts.good(END));
      rig.stop("test");
      rig.initiate(NEW, "test");
      MigrationRig.joinScript("test");
      rig.emptyBlock();
      var hash = rig.localHash("test");
      rig.commit("test", hash);

      var tx =
          rig.chain.run(
              0,
              ctx -> {
                Counter.count(ctx.serviceData()).set(5L);
                ctx.supervisorExtensions().orElseThrow().flushMigration("test");
                throw ExecutionException.service(9, "The supervisor changed its mind");
              });
      rig.chain.block(tx);
      assertThat(rig.chain.error(tx)).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo(9));
      assertThat(rig.count("supervisor")).isNotEqualTo(Optional.of(5L));
      assertThat(rig.state("test").status()).contains(committed(hash));
      assertThat(rig.migratedEntry("test")).contains(Scripts.OFFSET);
      assertThat(rig.entry("test")).isEmpty();
      assertThat(rig.count("test")).contains(0L);

      rig.flush("test");
      assertThat(rig.entry("test")).contains(Scripts.OFFSET);
      assertThat(rig.migratedEntry("test")).isEmpty();
    }
  }
}
