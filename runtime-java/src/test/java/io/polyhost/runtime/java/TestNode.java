package io.polyhost.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.Fork;
import io.polyhost.storage.RocksDbDatabase;
import io.polyhost.storage.index.IndexViews;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A Java runtime over an artifacts directory and a RocksDB fork, as the tests drive it. */
final class TestNode implements AutoCloseable {
  final Path artifacts;
  final RocksDbDatabase db;
  final Fork fork;
  final JavaRuntime runtime;

  TestNode(Path dir, JarLimits limits, GasLimits gas) throws Exception {
    artifacts = Files.createDirectories(dir.resolve("artifacts"));
    db = RocksDbDatabase.open(dir.resolve("db"));
    fork = db.fork();
    runtime = new JavaRuntime(artifacts, limits, gas);
  }

  TestNode(Path dir, JarLimits limits) throws Exception {
    this(dir, limits, GasLimits.defaults());
  }

  TestNode(Path dir, GasLimits gas) throws Exception {
    this(dir, JarLimits.defaults(), gas);
  }

  TestNode(Path dir) throws Exception {
    this(dir, JarLimits.defaults());
  }

  /** Deploys {@code jar} as {@code artifact} and waits. */
  void deploy(ArtifactId artifact, FixtureJar jar) {
    byte[] spec = jar.writeTo(artifacts, artifact.name() + "-" + artifact.version() + ".jar");
    deploy(artifact, spec);
  }

  void deploy(ArtifactId artifact, byte[] spec) {
    try {
      runtime.deployArtifact(artifact, spec).toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      fail("Deploying " + artifact + " failed", e);
    }
    assertThat(runtime.isArtifactDeployed(artifact)).isTrue();
  }

  /** Deploys and expects a refusal; returns it. */
  ExecutionException deployFailure(ArtifactId artifact, byte[] spec) {
    try {
      runtime.deployArtifact(artifact, spec).toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      assertThat(runtime.isArtifactDeployed(artifact)).isFalse();
      if (e.getCause() instanceof ExecutionException refusal) {
        return refusal;
      }
      throw new AssertionError("Deploying " + artifact + " failed unexpectedly", e.getCause());
    } catch (Exception e) {
      fail("Deploying " + artifact + " did not complete", e);
    }
    throw new AssertionError("Deploying " + artifact + " succeeded but should have been refused");
  }

  ExecutionException deployFailure(ArtifactId artifact, FixtureJar jar) {
    return deployFailure(artifact, jar.writeTo(artifacts, "fixture.jar"));
  }

  /** Creates and starts instance {@code id} named {@code name} of {@code artifact}. */
  InstanceSpec start(int id, String name, ArtifactId artifact, String params) {
    InstanceSpec spec = new InstanceSpec(id, name, artifact);
    runtime.initiateAddingService(FakeContext.of(fork, spec), artifact, params.getBytes());
    setStatus(spec, InstanceStatus.ACTIVE);
    return spec;
  }

  /**
   * Runs transaction {@code method} as the dispatcher does: in its own flush/rollback scope, so a
   * failed call leaves no writes behind; returns its error, if it failed.
   */
  Optional<ExecutionError> transaction(InstanceSpec spec, int method, String arguments) {
    fork.flush();
    try {
      runtime.execute(
          FakeContext.of(fork, spec), method, arguments.getBytes(StandardCharsets.UTF_8));
    } catch (ExecutionException e) {
      fork.rollback();
      return Optional.of(e.error());
    } catch (RuntimeException | Error e) {
      fork.rollback();
      throw e;
    }
    fork.flush();
    return Optional.empty();
  }

  void setStatus(InstanceSpec spec, InstanceStatus status) {
    runtime.updateServiceStatus(
        noSnapshot(),
        new InstanceState(spec, Optional.of(status), Optional.empty(), Optional.empty()));
  }

  /** The string entry {@code name} of instance {@code spec}, as the service left it. */
  Optional<String> text(InstanceSpec spec, String name) {
    return IndexViews.over(fork.prefixed(spec.name())).entry(name, Serializers.string()).get();
  }

  Optional<Long> number(InstanceSpec spec, String name) {
    return IndexViews.over(fork.prefixed(spec.name())).entry(name, Serializers.int64()).get();
  }

  /** The runtime never reads the snapshot it is given with a status; none is needed. */
  private static io.polyhost.api.runtime.BlockchainData noSnapshot() {
    return new RefusingBlockchainData();
  }

  @Override
  public void close() {
    runtime.close();
    fork.close();
    db.close();
  }
}
