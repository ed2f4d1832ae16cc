package io.polyhost.testkit;

import com.google.protobuf.ByteString;
import io.polyhost.api.proto.ArtifactSpecProto;
import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.proto.GenesisConfigProto;
import io.polyhost.api.proto.InstanceInitParamsProto;
import io.polyhost.api.proto.ValidatorKeysProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.service.MigrationProvider;
import io.polyhost.api.service.ServiceFactory;
import io.polyhost.supervisor.Supervisor;
import io.polyhost.supervisor.proto.SupervisorMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link TestKit}: the artifacts it can deploy, the services it starts in the genesis
 * block, the validators, the supervisor's mode and the clock. Every setting has a default, so
 * {@code TestKit.builder().withArtifact(jar).withService("wallet", "wallet").start()} is a complete
 * chain.
 */
public final class TestKitBuilder {
  static final Instant DEFAULT_GENESIS_TIME = Instant.parse("2026-01-01T00:00:00Z");

  record Builtin(ServiceFactory factory, @Nullable MigrationProvider migrations) {}

  /** A genesis service as the test named it: {@code artifact} is an id or a bare name. */
  record GenesisService(String name, String artifact, byte[] constructor) {}

  /** A genesis service with its artifact resolved. */
  record Resolved(String name, ArtifactId artifact, byte[] constructor) {}

  final List<Path> artifactFiles = new ArrayList<>();
  final Map<ArtifactId, Builtin> builtins = new LinkedHashMap<>();
  final List<GenesisService> services = new ArrayList<>();
  int validators = 1;
  SupervisorMode mode = SupervisorMode.SIMPLE;
  Instant genesisTime = DEFAULT_GENESIS_TIME;
  Duration blockInterval = Duration.ofSeconds(1);
  Optional<Path> dataDir = Optional.empty();

  TestKitBuilder() {}

  /**
   * An artifact file: a Java artifact JAR, a JavaScript module ({@code .mjs}/{@code .js}) or a
   * JavaScript bundle ({@code .zip}). The kit copies it into its artifacts folder and reads the
   * artifact id from it; start it in the genesis block with {@link #withService} or deploy it later
   * with {@link TestKit#deploy}.
   */
  public TestKitBuilder withArtifact(Path file) {
    artifactFiles.add(Objects.requireNonNull(file, "file"));
    return this;
  }

  /**
   * A Java artifact from the test's own class path, not packaged as a JAR: loaded by the
   * application class loader, so without the JAR's isolation, bytecode policy or metering. Quick
   * for unit tests; test the packaged JAR too.
   */
  public TestKitBuilder withArtifact(ArtifactId artifact, ServiceFactory factory) {
    builtins.put(requireJava(artifact), new Builtin(factory, null));
    return this;
  }

  /** Like {@link #withArtifact(ArtifactId, ServiceFactory)}, with its migration scripts. */
  public TestKitBuilder withArtifact(
      ArtifactId artifact, ServiceFactory factory, MigrationProvider migrations) {
    builtins.put(requireJava(artifact), new Builtin(factory, migrations));
    return this;
  }

  /**
   * A service started in the genesis block with an empty constructor argument. {@code artifact} is
   * an artifact id ({@code 1:wallet:1.0.0}) or just the name of an artifact given to this builder
   * when only one version of it is.
   */
  public TestKitBuilder withService(String name, String artifact) {
    return withService(name, artifact, new byte[0]);
  }

  /** A service started in the genesis block with {@code constructor} as its argument. */
  public TestKitBuilder withService(String name, String artifact, byte[] constructor) {
    services.add(new GenesisService(name, artifact, constructor.clone()));
    return this;
  }

  /** How many validators the network has (default 1); the kit runs validator 0. */
  public TestKitBuilder withValidators(int count) {
    new Validators(count);
    this.validators = count;
    return this;
  }

  /** The supervisor's mode (default simple: one validator decides). */
  public TestKitBuilder withSupervisorMode(SupervisorMode mode) {
    this.mode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** The genesis block's time (default 2026-01-01T00:00:00Z). */
  public TestKitBuilder withGenesisTime(Instant time) {
    this.genesisTime = Objects.requireNonNull(time, "time");
    return this;
  }

  /** How much later than the previous block each block is, unless set (default one second). */
  public TestKitBuilder withBlockInterval(Duration interval) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("A block interval cannot be negative: " + interval);
    }
    this.blockInterval = interval;
    return this;
  }

  /**
   * Where the kit keeps its database and artifacts folder. By default a temporary folder deleted on
   * {@link TestKit#close()}; a folder given here is kept.
   */
  public TestKitBuilder withDataDir(Path dir) {
    this.dataDir = Optional.of(dir);
    return this;
  }

  /**
   * Creates the chain: copies the artifacts, writes the genesis block and deploys what it needs.
   *
   * @throws IllegalArgumentException if an artifact file is unusable or a service names an artifact
   *     the builder does not have
   */
  public TestKit start() {
    return TestKit.start(this);
  }

  private static ArtifactId requireJava(ArtifactId artifact) {
    if (artifact.runtimeId() != io.polyhost.api.runtime.RuntimeId.JAVA) {
      throw new IllegalArgumentException(
          "A class-path artifact runs on the Java runtime (id 1), not " + artifact);
    }
    return artifact;
  }

  /** The genesis configuration for the resolved services (instance ids 1, 2, ... in order). */
  GenesisConfigProto genesis(
      Validators keys, Map<ArtifactId, byte[]> deploySpecs, List<Resolved> resolved) {
    ConsensusConfigProto.Builder consensus =
        ConsensusConfigProto.newBuilder()
            .setTxsBlockLimit(10_000)
            .setMaxMessageLen(1 << 20)
            .setMinProposeTimeout(10)
            .setMaxProposeTimeout(200);
    for (int i = 0; i < keys.count(); i++) {
      consensus.addValidatorKeys(
          ValidatorKeysProto.newBuilder()
              .setConsensusKey(keys.consensusKeys(i).publicKey().toProto())
              .setServiceKey(keys.serviceKeys(i).publicKey().toProto()));
    }
    GenesisConfigProto.Builder genesis =
        GenesisConfigProto.newBuilder()
            .setConsensusConfig(consensus)
            .addArtifacts(ArtifactSpecProto.newBuilder().setArtifact(Supervisor.ARTIFACT.toProto()))
            .addBuiltinInstances(
                InstanceInitParamsProto.newBuilder()
                    .setInstanceSpec(Supervisor.SPEC.toProto())
                    .setConstructor(ByteString.copyFrom(Supervisor.config(mode))));
    List<ArtifactId> added = new ArrayList<>();
    int nextId = 1;
    for (Resolved service : resolved) {
      if (!added.contains(service.artifact())) {
        added.add(service.artifact());
        genesis.addArtifacts(
            ArtifactSpecProto.newBuilder()
                .setArtifact(service.artifact().toProto())
                .setPayload(
                    ByteString.copyFrom(
                        deploySpecs.getOrDefault(service.artifact(), new byte[0]))));
      }
      genesis.addBuiltinInstances(
          InstanceInitParamsProto.newBuilder()
              .setInstanceSpec(
                  new InstanceSpec(nextId++, service.name(), service.artifact()).toProto())
              .setConstructor(ByteString.copyFrom(service.constructor())));
    }
    return genesis.build();
  }
}
