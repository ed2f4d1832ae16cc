package io.polyhost.host.dispatcher;

import static io.polyhost.host.dispatcher.MigrationRig.MID;
import static io.polyhost.host.dispatcher.MigrationRig.NEW;
import static io.polyhost.host.dispatcher.MigrationRig.OLD;
import static io.polyhost.host.dispatcher.MigrationRig.attempt;
import static io.polyhost.host.dispatcher.MigrationRig.requireError;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.MigrationType;
import io.polyhost.api.runtime.Version;
import io.polyhost.host.testing.Counter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting migrations (T5): asynchronous and fast-forward, from stopped and frozen services, the
 * checks and their error codes, and what scripts produce (exonum-core.md §7.2).
 */
class MigrationStartTest {
  private static final String END = "0.3.0";

  @TempDir Path dir;

  private MigrationRig rig(String... services) {
    return new MigrationRig(dir.resolve("chain"), dir.resolve("scratch"), services);
  }

  @Test
  void migrationWorkflow() {
    migrationWorkflow(false);
  }

  @Test
  void migrationWorkflowWithFrozenService() {
    migrationWorkflow(true);
  }

  private void migrationWorkflow(boolean freeze) {
    try (var rig = rig("good")) {
      ScriptGate gate = new ScriptGate();
      rig.script(NEW, Scripts.gated(END, gate));
      rig.increment("good");
      requireError(
          rig.supervise(ext -> ext.initiateMigration(NEW, "good")),
          CoreError.INVALID_SERVICE_TRANSITION,
          "'good'",
          "active");
      if (freeze) {
        rig.freeze("good");
      } else {
        rig.stop("good");
      }

      AtomicReference<MigrationType> type = new AtomicReference<>();
      AtomicBoolean startedInItsBlock = new AtomicBoolean();
      List<Optional<ExecutionError>> errors =
          rig.superviseInOneBlock(
              ext -> {
                type.set(ext.initiateMigration(NEW, "good"));
                startedInItsBlock.set(rig.scriptRunning("good"));
              },
              ext -> ext.unloadArtifact(NEW));
      assertThat(errors.get(0)).isEmpty();
      assertThat(type.get()).isEqualTo(MigrationType.ASYNC);
      assertThat(startedInItsBlock).as("script started before its block committed").isFalse();
      requireError(errors.get(1), CoreError.CANNOT_UNLOAD_ARTIFACT, "migrating to it");

      gate.awaitReached();
      assertThat(rig.scriptRunning("good")).isTrue();
      assertThat(rig.state("good").status())
          .contains(InstanceStatus.Migrating.running(NEW, Version.parse(END)));
      assertThat(Counter.countOf(rig.chain, "good")).as("old data, readable").isEqualTo(1);
      errors =
          rig.superviseInOneBlock(ext -> ext.unloadArtifact(OLD), ext -> ext.unloadArtifact(NEW));
      requireError(errors.get(0), CoreError.CANNOT_UNLOAD_ARTIFACT, "runs it");
      requireError(errors.get(1), CoreError.CANNOT_UNLOAD_ARTIFACT, "migrating to it");

      // Blocks while the script runs neither start it again nor invent an outcome.
      for (int i = 0; i < 3; i++) {
        rig.emptyBlock();
      }
      assertThat(rig.localResult("good")).isEmpty();
      gate.release();
      MigrationRig.joinScript("good");
      rig.emptyBlock();
      var hash = rig.localHash("good");
      assertThat(hash).isEqualTo(rig.expectedHash("good", 1 + Scripts.OFFSET));
      assertThat(rig.scriptRunning("good")).isFalse();
      assertThat(rig.migratedEntry("good")).contains(1 + Scripts.OFFSET);
      assertThat(rig.count("good")).as("old data").contains(1L);

      for (int i = 0; i < 3; i++) {
        rig.emptyBlock();
      }
      assertThat(rig.scriptRunning("good")).isFalse();
      assertThat(rig.localHash("good")).isEqualTo(hash);
    }
  }

  @Test
  void migrationAfterArtifactUnloading() {
    try (var rig = rig("good")) {
      rig.script(NEW, Scripts.good(END));
      rig.stop("good");
      AtomicReference<Optional<ExecutionError>> refused = new AtomicReference<>();
      rig.ok(ext -> {
        ext.unloadArtifact(NEW);
        refused.set(attempt(() -> ext.initiateMigration(NEW, "good")));
      });
      requireError(refused.get(), CoreError.ARTIFACT_NOT_DEPLOYED, NEW.toString(), "unloading");
      assertThat(rig.artifacts()).doesNotContainKey(NEW);
      assertThat(rig.state("good").status()).contains(InstanceStatus.STOPPED);
    }
  }

  @Test
  void fastForwardMigration() {
    fastForwardMigration(false);
  }

  @Test
  void fastForwardMigrationWithServiceFreezing() {
    fastForwardMigration(true);
  }

  private void fastForwardMigration(boolean freeze) {
    try (var rig = rig("service")) {
      rig.fastForward(NEW);
      rig.increment("service");
      if (freeze) {
        rig.freeze("service");
      } else {
        rig.stop("service");
      }
      assertThat(rig.initiate(NEW, "service")).isEqualTo(MigrationType.FAST_FORWARD);
      var state = rig.state("service");
      assertThat(state.status()).contains(InstanceStatus.STOPPED);
      assertThat(state.pendingStatus()).isEmpty();
      assertThat(state.spec().artifact()).isEqualTo(NEW);
      assertThat(state.dataVersion()).isEmpty();
      assertThat(rig.scriptRunning("service")).isFalse();
      assertThat(rig.count("service")).contains(1L);

      // The old artifact is no longer used by anyone.
      rig.ok(ext -> ext.unloadArtifact(OLD));
      assertThat(rig.artifacts()).doesNotContainKey(OLD);
      // The service runs its data with the new artifact.
      int id = rig.id("service");
      rig.ok(ext -> ext.initiateResumingService(id, new byte[0]));
      rig.increment("service");
      assertThat(Counter.countOf(rig.chain, "service")).isEqualTo(2);
    }
  }

  @Test
  void migrationImmediateErrors() {
    try (var rig = rig("old", "active")) {
      rig.script(NEW, Scripts.good(END));
      rig.stop("old");
      rig.ok(ext -> ext.initiateAddingService(new InstanceSpec(200, "new", NEW), new byte[0]));
      rig.stop("new");
      ArtifactId unknown = ArtifactId.parse("1:counter:0.6.0");

      AtomicReference<Optional<ExecutionError>> pendingArtifact = new AtomicReference<>();
      AtomicReference<Optional<ExecutionError>> createdInBlock = new AtomicReference<>();
      var errors =
          rig.superviseInOneBlock(
              ext -> ext.initiateMigration(MigrationRig.UNRELATED, "old"),
              ext -> ext.initiateMigration(OLD, "new"),
              ext -> ext.initiateMigration(NEW, "new"),
              ext -> ext.initiateMigration(NEW, "bogus-service"),
              ext -> ext.initiateMigration(unknown, "old"),
              ext -> ext.initiateMigration(NEW, "active"),
              // The status is checked before the artifact, as in the reference.
              ext -> ext.initiateMigration(unknown, "active"),
              ext -> ext.initiateMigration(MID, "old"),
              ext -> {
                ext.startArtifactRegistration(MigrationRig.LATE, new byte[0]);
                pendingArtifact.set(attempt(() -> ext.initiateMigration(MigrationRig.LATE, "old")));
              },
              ext -> {
                ext.initiateAddingService(new InstanceSpec(201, "fresh", OLD), new byte[0]);
                createdInBlock.set(attempt(() -> ext.initiateMigration(NEW, "fresh")));
              },
              ext -> ext.initiateMigration(NEW, "old"),
              ext -> ext.initiateMigration(NEW, "old"));
      requireError(errors.get(0), CoreError.CANNOT_UPGRADE_SERVICE, "'old'");
      requireError(errors.get(1), CoreError.CANNOT_UPGRADE_SERVICE, "'new'");
      requireError(errors.get(2), CoreError.CANNOT_UPGRADE_SERVICE, "'new'");
      requireError(errors.get(3), CoreError.INCORRECT_INSTANCE_ID, "bogus-service");
      requireError(errors.get(4), CoreError.UNKNOWN_ARTIFACT_ID, unknown.toString());
      requireError(errors.get(5), CoreError.INVALID_SERVICE_TRANSITION, "'active'");
      requireError(errors.get(6), CoreError.INVALID_SERVICE_TRANSITION, "'active'");
      requireError(errors.get(7), CoreError.NO_MIGRATION, "'old'", MID.toString());
      assertThat(errors.get(8)).isEmpty();
      requireError(pendingArtifact.get(), CoreError.ARTIFACT_NOT_DEPLOYED, "deploying");
      assertThat(errors.get(9)).isEmpty();
      requireError(createdInBlock.get(), CoreError.INVALID_SERVICE_TRANSITION, "'fresh'");
      assertThat(errors.get(10)).as("the first valid start").isEmpty();
      requireError(errors.get(11), CoreError.SERVICE_PENDING, "'old'");
      assertThat(rig.state("old").status())
          .contains(InstanceStatus.Migrating.running(NEW, Version.parse(END)));
    }
  }

  @Test
  void migrationWithError() {
    erroneousMigration(Scripts.failing(END, "This migration is unsuccessful!"));
  }

  @Test
  void migrationWithPanic() {
    erroneousMigration(Scripts.panicking(END, "This migration is unsuccessful!"));
  }

  private void erroneousMigration(MigrationScript script) {
    try (var rig = rig("service")) {
      rig.script(NEW, script);
      rig.stop("service");
      rig.initiate(NEW, "service");
      MigrationRig.joinScript("service");
      rig.emptyBlock();
      var result = rig.localResult("service").orElseThrow();
      assertThat(result.hasError()).as("local result %s", result).isTrue();
      assertThat(result.getError()).contains("This migration is unsuccessful!");
      assertThat(rig.scriptRunning("service")).isFalse();
      assertThat(rig.state("service").status())
          .contains(InstanceStatus.Migrating.running(NEW, Version.parse(END)));
    }
  }

  @Test
  void concurrentMigrationsToSameArtifact() {
    try (var rig = rig("service", "other-service", "another-service")) {
      Map<String, ScriptGate> gates =
          Map.of(
              "service", new ScriptGate(),
              "other-service", new ScriptGate(),
              "another-service", new ScriptGate());
      rig.script(
          NEW,
          Scripts.script(
              END,
              context -> {
                Scripts.entry(context.newData()).set(Scripts.oldCount(context));
                context.merge();
                Objects.requireNonNull(gates.get(context.instance().name())).pass();
                Scripts.entry(context.newData()).set(Scripts.oldCount(context) + Scripts.OFFSET);
              }));
      rig.increment("other-service");
      rig.increment("another-service");
      rig.increment("another-service");
      for (String name : gates.keySet()) {
        rig.stop(name);
      }

      var errors =
          rig.superviseInOneBlock(
              ext -> ext.initiateMigration(NEW, "service"),
              ext -> ext.initiateMigration(NEW, "other-service"));
      assertThat(errors).containsOnly(Optional.empty());
      Objects.requireNonNull(gates.get("service")).awaitReached();
      Objects.requireNonNull(gates.get("other-service")).awaitReached();
      assertThat(rig.scriptRunning("another-service")).isFalse();
      rig.initiate(NEW, "another-service");
      Objects.requireNonNull(gates.get("another-service")).awaitReached();

      Objects.requireNonNull(gates.get("service")).release();
      Objects.requireNonNull(gates.get("other-service")).release();
      MigrationRig.joinScript("service");
      MigrationRig.joinScript("other-service");
      rig.emptyBlock();
      assertThat(rig.localHash("service")).isEqualTo(rig.expectedHash("service", Scripts.OFFSET));
      assertThat(rig.localHash("other-service"))
          .isEqualTo(rig.expectedHash("other-service", 1 + Scripts.OFFSET));
      assertThat(rig.localResult("another-service")).isEmpty();
      assertThat(rig.scriptRunning("another-service")).isTrue();

      Objects.requireNonNull(gates.get("another-service")).release();
      MigrationRig.joinScript("another-service");
      rig.emptyBlock();
      assertThat(rig.localHash("another-service"))
          .isEqualTo(rig.expectedHash("another-service", 2 + Scripts.OFFSET));
      for (String name : gates.keySet()) {
        assertThat(rig.scriptRunning(name)).isFalse();
      }
    }
  }

  @Test
  void migrationInfluencingStateHash() {
    try (var rig = rig("service")) {
      ScriptGate gate = new ScriptGate();
      rig.script(NEW, Scripts.gated(END, gate));
      rig.stop("service");
      rig.initiate(NEW, "service");
      var stateHash = rig.chain.chain().lastBlock().stateHash();

      gate.awaitReached();
      for (int i = 0; i < 2; i++) {
        assertThat(rig.migratedEntry("service")).contains(1L);
        // Other services read the old data, untouched by the migration.
        Optional<Optional<Long>> seen =
            rig.chain.read(d ->
                d.forService(io.polyhost.api.runtime.InstanceQuery.name("service"))
                    .map(data -> Scripts.entry(data).get()));
        assertThat(seen).contains(Optional.empty());
        rig.emptyBlock();
        assertThat(rig.chain.chain().lastBlock().stateHash())
            .as("the state hash while migrated data is merged")
            .isEqualTo(stateHash);
      }
      gate.release();
      MigrationRig.joinScript("service");
      rig.emptyBlock();
      assertThat(rig.chain.chain().lastBlock().stateHash()).isEqualTo(stateHash);

      var hash = rig.localHash("service");
      assertThat(hash).isEqualTo(rig.migratedStateHash("service"));
      assertThat(hash).isEqualTo(rig.expectedHash("service", Scripts.OFFSET));
      List<String> keys =
          rig.raw(s -> {
            List<String> all = new java.util.ArrayList<>();
            io.polyhost.storage.Migration.of(s, "service")
                .stateAggregator()
                .keys()
                .forEachRemaining(all::add);
            return all;
          });
      assertThat(keys).containsExactly("service.entry");
    }
  }
}
