package io.polyhost.host.dispatcher;

import static io.polyhost.host.dispatcher.MigrationRig.MID;
import static io.polyhost.host.dispatcher.MigrationRig.NEW;
import static io.polyhost.host.dispatcher.MigrationRig.OLD;
import static io.polyhost.host.dispatcher.MigrationRig.requireError;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.error.CoreError;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.MigrationType;
import io.polyhost.api.runtime.Version;
import io.polyhost.host.testing.Counter;
import io.polyhost.host.testing.TestRuntime;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations of more than one script (0.1 → 0.2 → 0.3), with and without a fast-forward to an
 * intermediate artifact in between, and what that means for resuming the service and for keeping it
 * instantiated (exonum-core.md §3.6, §7.2 two_part_*, §7.6 two_step_* and
 * resume_with_incorrect_artifact_version).
 */
class MultiStepMigrationTest {
  private static final Version V2 = Version.parse("0.2.0");
  private static final Version V3 = Version.parse("0.3.0");

  @TempDir Path dir;

  /**
   * A rig whose artifacts migrate in two scripts: data before 0.2.0 gets {@code entry = 1} (end
   * 0.2.0), data before 0.3.0 gets {@code entry = 2} (end 0.3.0) if the target is that new; other
   * data is fast-forwarded.
   */
  private MigrationRig rig() {
    var rig = new MigrationRig(dir.resolve("chain"), dir.resolve("scratch"), "test");
    for (ArtifactId target : new ArtifactId[] {MID, NEW}) {
      rig.scripts.put(target, MultiStepMigrationTest::complex);
    }
    return rig;
  }

  private static Optional<MigrationScript> complex(ArtifactId target, Version data) {
    if (data.compareTo(V2) < 0) {
      return Optional.of(part(V2, 1));
    }
    if (data.compareTo(V3) < 0 && target.version().compareTo(V3) >= 0) {
      return Optional.of(part(V3, 2));
    }
    return Optional.empty();
  }

  private static MigrationScript part(Version end, long value) {
    return Scripts.script(
        end.toString(),
        context -> {
          if (context.dataVersion().compareTo(end) >= 0) {
            throw new IllegalStateException("Data " + context.dataVersion() + " is past " + end);
          }
          Scripts.entry(context.newData()).set(value);
        });
  }

  /** Runs one async step to {@code target} through start, commit and flush. */
  private static void step(MigrationRig rig, ArtifactId target, long value, Version end) {
    assertThat(rig.initiate(target, "test")).isEqualTo(MigrationType.ASYNC);
    MigrationRig.joinScript("test");
    rig.emptyBlock();
    var hash = rig.expectedHash("test", value);
    assertThat(rig.localHash("test")).isEqualTo(hash);
    rig.commit("test", hash);
    rig.flush("test");
    assertThat(rig.entry("test")).contains(value);
    assertThat(rig.state("test").dataVersion()).contains(end);
  }

  @Test
  void twoPartMigration() {
    try (var rig = rig()) {
      rig.stop("test");
      step(rig, NEW, 1, V2);
      assertThat(rig.state("test").spec().artifact()).isEqualTo(OLD);

      // The old artifact no longer fits the data, so it can go.
      rig.ok(ext -> ext.unloadArtifact(OLD));
      assertThat(rig.artifacts()).doesNotContainKey(OLD);

      step(rig, NEW, 2, V3);
      rig.ok(ext -> ext.unloadArtifact(NEW));
      assertThat(rig.artifacts()).doesNotContainKey(NEW);
    }
  }

  @Test
  void twoPartMigrationWithIntermediateArtifact() {
    try (var rig = rig()) {
      rig.stop("test");
      step(rig, NEW, 1, V2);
      assertThat(rig.initiate(MID, "test")).isEqualTo(MigrationType.FAST_FORWARD);
      var state = rig.state("test");
      assertThat(state.status()).contains(InstanceStatus.STOPPED);
      assertThat(state.spec().artifact()).isEqualTo(MID);
      assertThat(state.dataVersion()).isEmpty();

      // During the second part, other services read the intermediate data through MID.
      rig.initiate(NEW, "test");
      MigrationRig.joinScript("test");
      Optional<Long> seen =
          rig.chain.read(
              d -> d.forService(InstanceQuery.name("test")).flatMap(x -> Scripts.entry(x).get()));
      assertThat(seen).contains(1L);
      rig.emptyBlock();
      var hash = rig.expectedHash("test", 2);
      rig.commit("test", hash);
      rig.flush("test");
      assertThat(rig.entry("test")).contains(2L);
      assertThat(rig.state("test").dataVersion()).contains(V3);
    }
  }

  /** Without an intermediate artifact the data fits no artifact between the steps. */
  @Test
  void twoStepMigrationWithoutIntermediateUpdate() {
    try (var rig = rig()) {
      rig.stop("test");
      int id = rig.id("test");
      step(rig, NEW, 1, V2);
      rig.initiate(NEW, "test");
      assertThat(runtime(rig).isRunning(id)).as("instantiated while migrating").isFalse();
      rig.chain.restart();
      assertThat(runtime(rig).isRunning(id)).isFalse();
    }
  }

  /** With the intermediate artifact, the service stays instantiated while its data migrates. */
  @Test
  void twoStepMigrationWithIntermediateUpdate() {
    try (var rig = rig()) {
      rig.stop("test");
      int id = rig.id("test");
      step(rig, NEW, 1, V2);
      rig.initiate(MID, "test");
      rig.initiate(NEW, "test");
      assertThat(runtime(rig).isRunning(id)).as("instantiated while migrating").isTrue();
      rig.chain.restart();
      assertThat(runtime(rig).isRunning(id)).isTrue();
    }
  }

  @Test
  void resumeWithIncorrectArtifactVersion() {
    try (var rig = rig()) {
      rig.increment("test");
      rig.stop("test");
      int id = rig.id("test");
      step(rig, NEW, 1, V2);
      requireError(
          rig.supervise(ext -> ext.initiateResumingService(id, new byte[0])),
          CoreError.CANNOT_RESUME_SERVICE,
          "'test'",
          "0.2.0");

      rig.initiate(MID, "test");
      rig.ok(ext -> ext.initiateResumingService(id, new byte[0]));
      rig.increment("test");
      assertThat(Counter.countOf(rig.chain, "test")).as("count kept by the scripts").isEqualTo(2);
      assertThat(rig.state("test").spec().artifact()).isEqualTo(MID);
    }
  }

  private static TestRuntime runtime(MigrationRig rig) {
    return rig.runtime();
  }
}
