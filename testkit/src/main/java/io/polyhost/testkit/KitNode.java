package io.polyhost.testkit;

import io.polyhost.api.proto.GenesisConfigProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.host.artifacts.ArtifactsFolder;
import io.polyhost.host.artifacts.AvailableArtifact;
import io.polyhost.host.blockchain.Blockchain;
import io.polyhost.runtime.java.JavaRuntime;
import io.polyhost.runtime.js.JsRuntime;
import io.polyhost.storage.RocksDbDatabase;
import io.polyhost.supervisor.Supervisor;
import io.polyhost.testkit.TestKitBuilder.Builtin;
import io.polyhost.testkit.TestKitBuilder.GenesisService;
import io.polyhost.testkit.TestKitBuilder.Resolved;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The node under a {@link TestKit}: database, runtimes and blockchain in one folder, the artifact
 * files the kit knows with their deploy specs, and restarting on the same data.
 */
final class KitNode implements AutoCloseable {
  private final Path dir;
  private final boolean temporary;
  private final TestKitBuilder spec;
  private final Validators validators;
  private final GenesisConfigProto genesis;
  private final Map<ArtifactId, byte[]> deploySpecs;
  private final KitPool pool = new KitPool();
  private RocksDbDatabase db;
  private Blockchain chain;

  private KitNode(
      Path dir, boolean temporary, TestKitBuilder spec, Map<ArtifactId, byte[]> deploySpecs) {
    this.dir = dir;
    this.temporary = temporary;
    this.spec = spec;
    this.validators = new Validators(spec.validators);
    this.deploySpecs = deploySpecs;
    this.genesis = spec.genesis(validators, deploySpecs, resolve(spec.services));
    this.db = RocksDbDatabase.open(dir.resolve("db"));
    this.chain = open();
  }

  static KitNode start(TestKitBuilder spec) {
    Path dir;
    try {
      dir =
          spec.dataDir.isPresent()
              ? Files.createDirectories(spec.dataDir.get())
              : Files.createTempDirectory("polyhost-testkit");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the kit's data folder", e);
    }
    Map<ArtifactId, byte[]> specs = new LinkedHashMap<>();
    spec.builtins.keySet().forEach(a -> specs.put(a, new byte[0]));
    try {
      for (Path file : spec.artifactFiles) {
        AvailableArtifact artifact = copyIn(dir.resolve("artifacts"), file);
        specs.put(artifact.artifact().orElseThrow(), artifact.deploySpec());
      }
      return new KitNode(dir, spec.dataDir.isEmpty(), spec, specs);
    } catch (RuntimeException e) {
      if (spec.dataDir.isEmpty()) {
        delete(dir);
      }
      throw e;
    }
  }

  /** The genesis services with each artifact named by a bare name resolved to its one version. */
  private List<Resolved> resolve(List<GenesisService> services) {
    List<Resolved> resolved = new ArrayList<>();
    for (GenesisService service : services) {
      ArtifactId artifact = find(service.artifact());
      resolved.add(new Resolved(service.name(), artifact, service.constructor()));
    }
    return resolved;
  }

  private ArtifactId find(String artifact) {
    List<ArtifactId> matches =
        deploySpecs.keySet().stream()
            .filter(a ->
                artifact.contains(":") ? a.toString().equals(artifact) : a.name().equals(artifact))
            .toList();
    if (matches.size() != 1) {
      throw new IllegalArgumentException(
          (matches.isEmpty() ? "No artifact " : "Several artifacts match ")
              + "'"
              + artifact
              + "'; the kit has: "
              + deploySpecs.keySet()
              + (matches.isEmpty() ? "" : " (give the full id, runtime:name:version)"));
    }
    return matches.getFirst();
  }

  ArtifactId addArtifact(Path file) {
    AvailableArtifact artifact = copyIn(artifactsDir(), file);
    ArtifactId id = artifact.artifact().orElseThrow();
    deploySpecs.put(id, artifact.deploySpec());
    return id;
  }

  byte[] deploySpec(ArtifactId artifact) {
    byte[] spec = deploySpecs.get(artifact);
    if (spec == null) {
      throw new IllegalArgumentException(
          "The kit has no artifact " + artifact + "; it has: " + deploySpecs.keySet());
    }
    return spec.clone();
  }

  private static AvailableArtifact copyIn(Path folder, Path file) {
    try {
      Files.createDirectories(folder);
      Path target = folder.resolve(file.getFileName().toString());
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "Artifact " + file + " is not a file (a .jar, a .mjs/.js module or a .zip bundle)");
      }
      Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
      AvailableArtifact artifact = ArtifactsFolder.inspect(target);
      if (artifact.problem().isPresent()) {
        throw new IllegalArgumentException(
            "Artifact " + file + " is not usable: " + artifact.problem().get());
      }
      return artifact;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy artifact " + file + " into the kit", e);
    }
  }

  Validators validators() {
    return validators;
  }

  KitPool pool() {
    return pool;
  }

  Blockchain chain() {
    return chain;
  }

  Path artifactsDir() {
    return dir.resolve("artifacts");
  }

  Optional<Runtime> runtime(int id) {
    return chain.dispatcher().runtime(id);
  }

  void restart() {
    chain.close();
    db.close();
    pool.clear();
    db = RocksDbDatabase.open(dir.resolve("db"));
    chain = open();
  }

  @Override
  public void close() {
    try {
      chain.close();
      db.close();
    } finally {
      if (temporary) {
        delete(dir);
      }
    }
  }

  private Blockchain open() {
    return Blockchain.open(
        db,
        runtimes(),
        genesis,
        validators.consensusKeys(0),
        Optional.of(
            pool.broadcaster(
                validators.serviceKeys(0),
                hash -> chain.read(core -> core.location(hash).isPresent()))),
        spec.genesisTime);
  }

  private Map<Integer, Runtime> runtimes() {
    try {
      Files.createDirectories(artifactsDir());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JavaRuntime java = new JavaRuntime(artifactsDir());
    java.registerBuiltin(Supervisor.ARTIFACT, Supervisor.factory());
    spec.builtins.forEach((artifact, builtin) -> register(java, artifact, builtin));
    Map<Integer, Runtime> runtimes = new LinkedHashMap<>();
    runtimes.put(RuntimeId.JAVA, java);
    runtimes.put(RuntimeId.JAVASCRIPT, new JsRuntime(artifactsDir()));
    return runtimes;
  }

  private static void register(JavaRuntime java, ArtifactId artifact, Builtin builtin) {
    if (builtin.migrations() == null) {
      java.registerBuiltin(artifact, builtin.factory());
    } else {
      java.registerBuiltin(artifact, builtin.factory(), builtin.migrations());
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover temporary folder is not worth failing a test over.
    }
  }
}
