package io.polyhost.runtime.js;

import io.polyhost.api.blockchain.AdditionalHeaders;
import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.BlockCertificate;
import io.polyhost.api.blockchain.BlockProof;
import io.polyhost.api.blockchain.Precommit;
import io.polyhost.api.blockchain.StateProof;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.RuntimeEnvironment;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.api.runtime.StateProver;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.storage.Fork;
import io.polyhost.storage.Patch;
import io.polyhost.storage.RocksDbDatabase;
import io.polyhost.storage.Snapshot;
import io.polyhost.storage.index.IndexViews;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A JavaScript runtime over a real RocksDB database: writes artifacts, deploys them, creates
 * instances and runs calls on one open fork, like the dispatcher does within a block.
 */
final class JsFixture implements AutoCloseable {
  static final Instant BLOCK_TIME = Instant.parse("2026-11-21T10:15:30.123Z");

  final Path artifacts;
  final RocksDbDatabase db;
  final JsRuntime runtime;
  final Map<String, InstanceSpec> services = new ConcurrentHashMap<>();
  Fork fork;
  long height = 5;
  private volatile List<KeyPair> certifiers = List.of();

  JsFixture(Path dir) {
    this(dir, JsLimits.DEFAULT);
  }

  JsFixture(Path dir, JsLimits limits) {
    try {
      this.artifacts = Files.createDirectories(dir.resolve("artifacts"));
      this.db = RocksDbDatabase.open(Files.createDirectories(dir.resolve("db")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.runtime = new JsRuntime(artifacts, limits);
    this.fork = db.fork();
    runtime.initialize(
        new RuntimeEnvironment() {
          @Override
          public <T> T readLatest(Function<BlockchainData, T> reader) {
            try (Snapshot snapshot = db.snapshot()) {
              return reader.apply(new TestData(snapshot, Map.copyOf(services), height));
            }
          }

          @Override
          public <T> T readLatestProven(BiFunction<BlockchainData, StateProver, T> reader) {
            if (certifiers.isEmpty()) {
              return RuntimeEnvironment.super.readLatestProven(reader);
            }
            try (Snapshot snapshot = db.snapshot()) {
              StateProver prover =
                  (name, entries) ->
                      new StateProof(certify(snapshot), snapshot.indexProof(name), entries);
              return reader.apply(new TestData(snapshot, Map.copyOf(services), height), prover);
            }
          }
        });
  }

  /**
   * Makes read endpoints provable: every state they read counts as committed by a block these
   * validators signed, as the node's certified blocks are. Until called, the environment proves
   * nothing, like any environment without certified blocks.
   */
  void certifyWith(List<KeyPair> validators) {
    certifiers = List.copyOf(validators);
  }

  private BlockProof certify(Snapshot snapshot) {
    Block block =
        new Block(
            0,
            height,
            0,
            Hash.zero(),
            Hash.zero(),
            snapshot.stateHash(),
            Hash.zero(),
            AdditionalHeaders.empty(),
            BLOCK_TIME);
    List<Precommit> precommits = new ArrayList<>();
    for (int i = 0; i < certifiers.size(); i++) {
      precommits.add(Precommit.sign(certifiers.get(i), i, height, block.hash()));
    }
    return new BlockProof(block, BlockCertificate.of(block, precommits));
  }

  static ArtifactId id(String name, String version) {
    return new ArtifactId(RuntimeId.JAVASCRIPT, name, Version.parse(version));
  }

  /** Writes {@code body} as {@code file}, prefixed with an artifact declaration. */
  Path write(String file, String name, String version, String body) {
    String text =
        "export const artifact = { name: \""
            + name
            + "\", version: \""
            + version
            + "\" };\n"
            + body;
    try {
      return Files.writeString(artifacts.resolve(file), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes and deploys version {@code version} of artifact {@code name} as {@code
   * name-version.mjs}.
   */
  ArtifactId deploy(String name, String version, String body) {
    ArtifactId id = id(name, version);
    Path file = write(name + "-" + version + ".mjs", name, version, body);
    deploy(id, JsDeploySpec.of(file).toBytes());
    return id;
  }

  /**
   * Copies the test resource {@code examples/<file>} into the artifacts directory and deploys it.
   */
  ArtifactId deployExample(String file, ArtifactId id) {
    try (var in = JsFixture.class.getResourceAsStream("/examples/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("No example " + file);
      }
      Path target = artifacts.resolve(file);
      Files.write(target, in.readAllBytes());
      deploy(id, JsDeploySpec.of(target).toBytes());
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Commits the open fork to the database and opens a new one, as a block's commit does. */
  void commit() {
    try (Patch patch = fork.intoPatch()) {
      db.merge(patch);
    }
    fork = db.fork();
  }

  /** Tells the runtime {@code spec} now has {@code status}, as a committed block does. */
  void status(InstanceSpec spec, InstanceStatus status) {
    services.put(spec.name(), spec);
    runtime.updateServiceStatus(
        new TestData(fork, services, height),
        new InstanceState(spec, Optional.of(status), Optional.empty(), Optional.empty()));
  }

  /** Writes and deploys an artifact, waiting for the deploy; rethrows its failure. */
  ArtifactId deploy(String name, String body) {
    ArtifactId id = id(name, "1.0.0");
    Path file = write(name + ".mjs", name, "1.0.0", body);
    deploy(id, JsDeploySpec.of(file).toBytes());
    return id;
  }

  void deploy(ArtifactId id, byte[] spec) {
    try {
      runtime.deployArtifact(id, spec).toCompletableFuture().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /**
   * Deploys {@code body} and creates instance {@code id} named {@code name}, running its
   * constructor.
   */
  InstanceSpec service(int id, String name, String body) {
    return service(id, name, body, "");
  }

  InstanceSpec service(int id, String name, String body, String params) {
    ArtifactId artifact = deploy(name, body);
    InstanceSpec spec = new InstanceSpec(id, name, artifact);
    services.put(name, spec);
    runtime.initiateAddingService(
        context(spec, Caller.Blockchain.INSTANCE, null), artifact, utf8(params));
    runtime.updateServiceStatus(
        new TestData(fork, services, height),
        new InstanceState(
            spec, Optional.of(InstanceStatus.ACTIVE), Optional.empty(), Optional.empty()));
    return spec;
  }

  TestContext context(InstanceSpec spec, Caller caller, @Nullable Hash txHash) {
    return new TestContext(
        runtime, fork, spec, caller, txHash, height, BLOCK_TIME, services, "", new boolean[1]);
  }

  /**
   * Runs transaction {@code method} as a signed transaction with a hash derived from {@code nonce}.
   */
  void execute(InstanceSpec spec, int method, String jsonArgs) {
    execute(spec, method, jsonArgs, "tx-" + jsonArgs);
  }

  void execute(InstanceSpec spec, int method, String jsonArgs, String nonce) {
    Hash tx = Hash.sha256(utf8(nonce));
    runtime.execute(context(spec, TestKeys.author(), tx), method, utf8(jsonArgs));
  }

  /**
   * Calls method {@code method} of interface {@code interfaceName} of {@code spec} as {@code
   * caller}.
   */
  void call(InstanceSpec spec, Caller caller, String interfaceName, int method, String arguments) {
    runtime.execute(
        new TestContext(
            runtime,
            fork,
            spec,
            caller,
            null,
            height,
            BLOCK_TIME,
            services,
            interfaceName,
            new boolean[1]),
        method,
        utf8(arguments));
  }

  /** Runs the after-commit hooks over the fork's current state. */
  void afterCommit() {
    runtime.afterCommit(new TestData(fork, services, height));
  }

  /** Runs a hook of {@code spec} as the dispatcher does for every active service. */
  void beforeTransactions(InstanceSpec spec) {
    runtime.beforeTransactions(context(spec, Caller.Blockchain.INSTANCE, null));
  }

  void afterTransactions(InstanceSpec spec) {
    runtime.afterTransactions(context(spec, Caller.Blockchain.INSTANCE, null));
  }

  /** The service's data as Java services see it, on the open fork. */
  IndexAccess data(InstanceSpec spec) {
    return IndexViews.over(fork.prefixed(spec.name()));
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    runtime.close();
    fork.close();
    db.close();
  }
}
