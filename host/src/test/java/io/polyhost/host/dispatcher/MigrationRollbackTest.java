package io.polyhost.host.dispatcher;

import static io.polyhost.host.dispatcher.MigrationRig.NEW;
import static io.polyhost.host.dispatcher.MigrationRig.OLD;
import static io.polyhost.host.dispatcher.MigrationRig.requireError;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.error.CoreError;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.host.testing.Counter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rolling migrations back (T7): the checks, the script's abort and the erasure of its data. */
class MigrationRollbackTest {
  private static final String END = "0.3.0";

  @TempDir Path dir;

  private MigrationRig rig(String... services) {
    return new MigrationRig(dir.resolve("chain"), dir.resolve("scratch"), services);
  }

  @Test
  void migrationRollbackWorkflow() {
    try (var rig = rig("good")) {
      rig.script(NEW, Scripts.good(END));
      rig.increment("good");
      rig.stop("good");
      rig.initiate(NEW, "good");
      MigrationRig.joinScript("good");
      rig.emptyBlock();
      assertThat(rig.localResult("good")).isPresent();
      assertThat(rig.scriptRunning("good")).isFalse();

      rig.rollback("good");
      assertThat(rig.localResult("good")).isEmpty();
      var state = rig.state("good");
      assertThat(state.status()).contains(InstanceStatus.STOPPED);
      assertThat(state.dataVersion()).isEmpty();
      assertThat(state.spec().artifact()).isEqualTo(OLD);
      assertThat(rig.migratedEntry("good")).isEmpty();

      // The old data is intact and still matches the artifact: the service can go on.
      int id = rig.id("good");
      rig.ok(ext -> ext.initiateResumingService(id, new byte[0]));
      rig.increment("good");
      assertThat(Counter.countOf(rig.chain, "good")).isEqualTo(2);
    }
  }

  @Test
  void migrationRollbackInvariants() {
    try (var rig = rig("good")) {
      rig.script(NEW, Scripts.good(END));
      requireError(
          rig.supervise(ext -> ext.rollbackMigration("bogus")),
          CoreError.INCORRECT_INSTANCE_ID,
          "bogus");
      requireError(
          rig.supervise(ext -> ext.rollbackMigration("good")),
          CoreError.NO_MIGRATION,
          "'good'",
          "no migration in progress");
      rig.stop("good");
      requireError(
          rig.supervise(ext -> ext.rollbackMigration("good")), CoreError.NO_MIGRATION, "'good'");

      rig.initiate(NEW, "good");
      var hash = rig.expectedHash("good", Scripts.OFFSET);
      var errors =
          rig.superviseInOneBlock(
              ext -> ext.commitMigration("good", hash), ext -> ext.rollbackMigration("good"));
      assertThat(errors.get(0)).isEmpty();
      requireError(errors.get(1), CoreError.SERVICE_PENDING, "'good'");
      requireError(
          rig.supervise(ext -> ext.rollbackMigration("good")), CoreError.NO_MIGRATION, "'good'");
    }
  }

  @Test
  void migrationRollbackAbortsMigrationScript() {
    try (var rig = rig("good")) {
      ScriptGate gate = new ScriptGate();
      AtomicReference<Throwable> endOfScript = new AtomicReference<>();
      rig.script(
          NEW,
          Scripts.script(
              END,
              context -> {
                Scripts.entry(context.newData()).set(1L);
                context.merge();
                try {
                  gate.pass();
                } catch (InterruptedException e) {
                  // A careless script that ignores the interruption: its next merge must fail.
                  endOfScript.set(e);
                }
                Scripts.entry(context.newData()).set(2L);
                try {
                  context.merge();
                } catch (RuntimeException e) {
                  endOfScript.set(e);
                  throw e;
                }
              }));
      rig.stop("good");
      rig.initiate(NEW, "good");
      gate.awaitReached();
      assertThat(rig.migratedEntry("good")).contains(1L);

      rig.rollback("good");
      assertThat(rig.scriptRunning("good")).isFalse();
      MigrationRig.joinScript("good");
      assertThat(endOfScript.get())
          .isInstanceOf(io.polyhost.api.migration.MigrationAbortedException.class);
      assertThat(rig.localResult("good")).isEmpty();
      assertThat(rig.migratedEntry("good")).isEmpty();
      gate.release();
      rig.emptyBlock();
      assertThat(rig.localResult("good")).isEmpty();
      assertThat(rig.migratedEntry("good")).isEmpty();
    }
  }

  @Test
  void migrationRollbackErasesMigrationData() {
    try (var rig = rig("good")) {
      rig.script(NEW, Scripts.good(END));
      rig.stop("good");
      rig.initiate(NEW, "good");
      MigrationRig.joinScript("good");
      rig.emptyBlock();
      assertThat(rig.migratedEntry("good")).contains(Scripts.OFFSET);
      var hash = rig.localHash("good");

      rig.rollback("good");
      assertThat(rig.migratedEntry("good")).isEmpty();
      boolean aggregated =
          rig.raw(
              s -> io.polyhost.storage.Migration.of(s, "good").stateAggregator().keys().hasNext());
      assertThat(aggregated).as("anything left in the migration's aggregator").isFalse();
      assertThat(rig.count("good")).as("old data").contains(0L);

      // A new migration starts from a clean namespace and reaches the same data.
      rig.initiate(NEW, "good");
      MigrationRig.joinScript("good");
      rig.emptyBlock();
      assertThat(rig.localHash("good")).isEqualTo(hash);
    }
  }
}
