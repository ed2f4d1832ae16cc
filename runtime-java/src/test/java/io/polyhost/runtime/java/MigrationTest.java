package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.Fixtures.FACTORY;
import static io.polyhost.runtime.java.Fixtures.MIGRATIONS;
import static io.polyhost.runtime.java.Fixtures.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.migration.InitMigrationException;
import io.polyhost.api.migration.MigrationContext;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.service.ArtifactManifest;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.index.IndexViews;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate} picks the artifact's script for the data version, or a fast-forward. */
class MigrationTest {
  private static final ArtifactId V1 = wallet("1.0.0");
  private static final ArtifactId V2 = wallet("2.0.0");

  @TempDir Path dir;
  TestNode node;

  @BeforeEach
  void deploy() throws Exception {
    node = new TestNode(dir);
    node.deploy(V1, FixtureJar.of(V1, FACTORY, Fixtures.walletClasses("one")));
    node.deploy(
        V2,
        FixtureJar.of(V2, FACTORY, Fixtures.walletClasses("two"))
            .attribute(ArtifactManifest.MIGRATIONS, MIGRATIONS));
  }

  @AfterEach
  void close() {
    node.close();
  }

  @Test
  void dataBelowTheLastScriptGetsTheScriptWhichRunsWithTheArtifactsLoader() throws Exception {
    MigrationScript script = node.runtime.migrate(V2, Version.parse("1.0.0")).orElseThrow();
    assertThat(script.name()).isEqualTo("to 1.5.0");
    assertThat(script.endVersion()).isEqualTo(Version.parse("1.5.0"));

    IndexAccess newData = IndexViews.over(node.fork.prefixed("migrated-wallet"));
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    LoaderSpy spy = new LoaderSpy();
    script.logic().migrate(new Context(newData, spy));
    assertThat(newData.entry("migrated", Serializers.string()).get()).contains("two");
    assertThat(spy.last().orElseThrow().getName()).isEqualTo("artifact " + V2);
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
  }

  @Test
  void dataAtOrAboveTheLastScriptIsAFastForward() {
    assertThat(node.runtime.migrate(V2, Version.parse("1.5.0"))).isEmpty();
    assertThat(node.runtime.migrate(V2, Version.parse("1.9.3"))).isEmpty();
  }

  @Test
  void dataOutsideTheSupportedRangeCannotMigrate() {
    assertThatThrownBy(() -> node.runtime.migrate(V2, Version.parse("0.9.0")))
        .isInstanceOf(InitMigrationException.class)
        .hasMessageContaining("from version 1.0.0 on");
    assertThatThrownBy(() -> node.runtime.migrate(V2, Version.parse("3.0.0")))
        .isInstanceOf(InitMigrationException.class)
        .hasMessageContaining("newer than the target");
  }

  @Test
  void anArtifactWithoutMigrationsCannotTakeOverOtherData() {
    assertThatThrownBy(() -> node.runtime.migrate(V1, Version.parse("0.5.0")))
        .isInstanceOf(InitMigrationException.class)
        .hasMessageContaining("ships no migrations");
    assertThatThrownBy(() -> node.runtime.migrate(wallet("7.0.0"), Version.parse("1.0.0")))
        .isInstanceOf(InitMigrationException.class)
        .hasMessageContaining("not deployed");
  }

  @Test
  void scriptsBeyondTheArtifactsVersionAreRefusedAtDeploy() {
    ArtifactId old = wallet("1.2.0"); // its script ends at 1.5.0, above the artifact
    var refusal =
        node.deployFailure(
            old,
            FixtureJar.of(old, FACTORY, Fixtures.walletClasses("one"))
                .attribute(ArtifactManifest.MIGRATIONS, MIGRATIONS));
    assertThat(refusal.error().is(JavaRuntimeError.INVALID_SERVICE)).isTrue();
    assertThat(refusal.error().description()).contains("'to 1.5.0'", "at most at the artifact");
  }

  /** The part of a migration's context these scripts use: the new data. */
  private record Context(IndexAccess data, LoaderSpy spy) implements MigrationContext {
    @Override
    public IndexAccess newData() {
      spy.saw(Thread.currentThread().getContextClassLoader());
      return data;
    }

    @Override
    public InstanceSpec instance() {
      return new InstanceSpec(1, "wallet", V1);
    }

    @Override
    public Version dataVersion() {
      return V1.version();
    }

    @Override
    public IndexAccess oldData() {
      throw new UnsupportedOperationException();
    }

    @Override
    public IndexAccess scratchpad() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void createTombstone(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void merge() {}
  }
}
