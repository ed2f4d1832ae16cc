package io.polyhost.host.dispatcher;

import static io.polyhost.host.dispatcher.MigrationRig.NEW;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.migration.MigrationAbortedException;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.MigrationType;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.storage.Serializers;
import io.polyhost.host.testing.Counter;
import io.polyhost.storage.Migration;
import io.polyhost.storage.Snapshot;
import io.polyhost.storage.index.IndexViews;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node restarts around migrations: unfinished scripts run again, finished ones do not, closing the
 * node aborts scripts, and a restart after any step of the workflow leaves the node able to finish
 * it (exonum-core.md §7.2 and the node-restart scenarios of §7.6 async_migration.rs).
 */
class MigrationRestartTest {
  /** The version of {@link MigrationRig#NEW}: after the flush a fast-forward lets it resume. */
  private static final String END = "0.3.7";

  @TempDir Path dir;

  private MigrationRig rig(String... services) {
    return new MigrationRig(dir.resolve("chain"), dir.resolve("scratch"), services);
  }

  @Test
  void migrationIsResumedAfterNodeRestart() {
    try (var rig = rig("good")) {
      ScriptGate first = new ScriptGate();
      rig.script(NEW, Scripts.gated(END, first));
      rig.increment("good");
      rig.stop("good");
      rig.initiate(NEW, "good");
      first.awaitReached();

      ScriptGate second = new ScriptGate();
      rig.script(NEW, Scripts.gated(END, second));
      rig.chain.restart();
      second.awaitReached();
      assertThat(rig.scriptRunning("good")).isTrue();
      second.release();
      MigrationRig.joinScript("good");
      rig.emptyBlock();
      assertThat(rig.localHash("good")).isEqualTo(rig.expectedHash("good", 1 + Scripts.OFFSET));
    }
  }

  @Test
  void migrationThreadsAreTimelyAborted() {
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
                  // Ignores the interruption on purpose: the next merge must still fail.
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

      rig.script(NEW, Scripts.good(END));
      AtomicReference<Optional<Long>> whileStopped = new AtomicReference<>();
      rig.chain.restart(db -> {
        try (Snapshot snapshot = db.snapshot()) {
          whileStopped.set(Scripts.entry(IndexViews.over(Migration.of(snapshot, "good"))).get());
        }
      });
      assertThat(endOfScript.get()).isInstanceOf(MigrationAbortedException.class);
      assertThat(whileStopped.get()).as("the migrated data when the node stopped").contains(1L);

      // The restarted node runs the script again.
      MigrationRig.joinScript("good");
      rig.emptyBlock();
      assertThat(rig.localHash("good")).isEqualTo(rig.expectedHash("good", Scripts.OFFSET));
    }
  }

  @Test
  void completedMigrationIsNotResumedAfterNodeRestart() {
    try (var rig = rig("good")) {
      rig.script(NEW, Scripts.good(END));
      rig.stop("good");
      rig.initiate(NEW, "good");
      MigrationRig.joinScript("good");
      rig.emptyBlock();
      var hash = rig.localHash("good");
      assertThat(rig.scriptRunning("good")).isFalse();

      rig.chain.restart();
      assertThat(rig.scriptRunning("good")).isFalse();
      var runtime = rig.runtime();
      assertThat(runtime.events()).noneMatch(e -> e.startsWith("migrate"));
      rig.emptyBlock();
      assertThat(rig.localHash("good")).isEqualTo(hash);
    }
  }

  /**
   * A script that keeps its position in the scratchpad and merges after each chunk continues after
   * a restart where its last merge left off: every old item is processed exactly once.
   */
  @Test
  void restartedScriptContinuesFromItsLastMerge() {
    try (var rig = rig("list")) {
      int id = rig.id("list");
      var fill =
          rig.chain.run(
              id,
              ctx -> {
                var items = ctx.serviceData().list("items", Serializers.int64());
                for (long i = 1; i <= 10; i++) {
                  items.add(i);
                }
              });
      rig.chain.block(fill);
      assertThat(rig.chain.error(fill)).isEmpty();
      rig.stop("list");

      ScriptGate gate = new ScriptGate();
      AtomicBoolean firstRun = new AtomicBoolean(true);
      AtomicInteger processed = new AtomicInteger();
      rig.script(
          NEW,
          Scripts.script(
              END,
              context -> {
                boolean gated = firstRun.getAndSet(false);
                // Views belong to the fork of one merge: open them again after each.
                var size = context.oldData().list("items", Serializers.int64()).size();
                long position =
                    context.scratchpad().entry("position", Serializers.int64()).get().orElse(0L);
                while (position < size) {
                  long end = Math.min(position + 3, size);
                  var old = context.oldData().list("items", Serializers.int64());
                  var sum = Scripts.entry(context.newData());
                  long total = sum.get().orElse(0L);
                  for (long i = position; i < end; i++) {
                    total += old.get(i).orElseThrow();
                    processed.incrementAndGet();
                  }
                  sum.set(total);
                  context.scratchpad().entry("position", Serializers.int64()).set(end);
                  context.merge();
                  position = end;
                  if (gated) {
                    gated = false;
                    gate.pass();
                  }
                }
              }));
      rig.initiate(NEW, "list");
      gate.awaitReached();
      assertThat(processed).hasValue(3);
      rig.chain.restart();
      MigrationRig.joinScript("list");
      rig.emptyBlock();
      assertThat(processed).as("old items processed, over both runs").hasValue(10);
      assertThat(rig.localHash("list")).isEqualTo(rig.expectedHash("list", 55));
    }
  }

  /** The steps of a migration after which a node may restart. */
  enum Step {
    INITIATION,
    LOCAL_RESULT,
    COMMIT,
    FLUSH,
    FAST_FORWARD,
    RESUME
  }

  @Test
  void nodeRestartAfterMigrationInitiation() {
    migrateWithRestarts(EnumSet.of(Step.INITIATION));
  }

  @Test
  void nodeRestartAfterMigrationCommitment() {
    migrateWithRestarts(EnumSet.of(Step.COMMIT));
  }

  @Test
  void nodeRestartAfterMigrationFlush() {
    migrateWithRestarts(EnumSet.of(Step.FLUSH));
  }

  @Test
  void nodeRestartsAfterEachMigrationStep() {
    migrateWithRestarts(EnumSet.allOf(Step.class));
  }

  /** The whole workflow, up to the migrated service running again, restarting after {@code at}. */
  private void migrateWithRestarts(Set<Step> at) {
    try (var rig = rig("service")) {
      rig.script(NEW, Scripts.good(END));
      rig.increment("service");
      rig.increment("service");
      rig.stop("service");
      int id = rig.id("service");

      rig.initiate(NEW, "service");
      restartIf(rig, at, Step.INITIATION);
      MigrationRig.joinScript("service");
      rig.emptyBlock();
      var hash = rig.localHash("service");
      assertThat(hash).isEqualTo(rig.expectedHash("service", 2 + Scripts.OFFSET));
      restartIf(rig, at, Step.LOCAL_RESULT);

      rig.commit("service", hash);
      restartIf(rig, at, Step.COMMIT);
      assertThat(rig.state("service").status())
          .contains(InstanceStatus.Migrating.running(NEW, Version.parse(END)).commit(hash));

      rig.flush("service");
      restartIf(rig, at, Step.FLUSH);
      assertThat(rig.state("service").dataVersion()).contains(Version.parse(END));
      assertThat(rig.entry("service")).contains(2 + Scripts.OFFSET);

      assertThat(rig.initiate(NEW, "service")).isEqualTo(MigrationType.FAST_FORWARD);
      restartIf(rig, at, Step.FAST_FORWARD);
      assertThat(rig.state("service").spec().artifact()).isEqualTo(NEW);
      assertThat(rig.state("service").dataVersion()).isEmpty();

      rig.ok(ext -> ext.initiateResumingService(id, new byte[0]));
      restartIf(rig, at, Step.RESUME);
      assertThat(rig.runtime().isRunning(id)).isTrue();
      rig.increment("service");
      // The migration dropped `count`; the new data goes on from there.
      assertThat(Counter.countOf(rig.chain, "service")).isEqualTo(1);
      assertThat(rig.entry("service")).contains(2 + Scripts.OFFSET);
      assertThat(rig.scriptRunning("service")).isFalse();
    }
  }

  private static void restartIf(MigrationRig rig, Set<Step> at, Step step) {
    if (at.contains(step)) {
      rig.chain.restart();
    }
  }
}
