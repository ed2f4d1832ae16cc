package io.polyhost.host.testing;

import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.migration.InitMigrationException;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.runtime.AfterCommitContext;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.RuntimeEnvironment;
import io.polyhost.api.runtime.RuntimeFeature;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A runtime for tests: artifacts are factories of {@link TestService}s registered in code, and
 * every call is logged as an event so tests can check the call order of the Runtime contract.
 */
public final class TestRuntime implements Runtime {
  private final int id;
  private final boolean freezing;
  private final Map<ArtifactId, Supplier<TestService>> offered = new ConcurrentHashMap<>();
  private final Map<ArtifactId, CompletableFuture<Void>> gates = new ConcurrentHashMap<>();
  private final Map<ArtifactId, String> deployFailures = new ConcurrentHashMap<>();
  private final Set<ArtifactId> deployed = ConcurrentHashMap.newKeySet();
  private final Map<Integer, TestService> running = new ConcurrentHashMap<>();
  private final Map<ArtifactId, BiFunction<ArtifactId, Version, Optional<MigrationScript>>>
      migrations = new ConcurrentHashMap<>();
  private final List<String> events = new ArrayList<>();
  private boolean closed;

  /** A runtime with id {@code id}; {@code freezing} says whether it supports freezing. */
  public TestRuntime(int id, boolean freezing) {
    this.id = id;
    this.freezing = freezing;
  }

  /** Makes {@code artifact} deployable, running services made by {@code factory}. */
  public TestRuntime offer(ArtifactId artifact, Supplier<TestService> factory) {
    offered.put(artifact, factory);
    return this;
  }

  /** Makes deployments of {@code artifact} wait until {@code gate} completes. */
  public TestRuntime gate(ArtifactId artifact, CompletableFuture<Void> gate) {
    gates.put(artifact, gate);
    return this;
  }

  /** Makes the next deployments of {@code artifact} fail with {@code reason}. */
  public void failDeploys(ArtifactId artifact, String reason) {
    deployFailures.put(artifact, reason);
  }

  /** Lets deployments of {@code artifact} succeed again. */
  public void healDeploys(ArtifactId artifact) {
    deployFailures.remove(artifact);
  }

  /** How {@code target} migrates data: a function of the target and the data version. */
  public TestRuntime migrations(
      ArtifactId target, BiFunction<ArtifactId, Version, Optional<MigrationScript>> scripts) {
    migrations.put(target, scripts);
    return this;
  }

  /** Every call the dispatcher made, in order. */
  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  public synchronized void clearEvents() {
    events.clear();
  }

  /** Whether a service object for {@code instanceId} is instantiated. */
  public boolean isRunning(int instanceId) {
    return running.containsKey(instanceId);
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void initialize(RuntimeEnvironment environment) {
    log("initialize");
  }

  @Override
  public boolean isSupported(RuntimeFeature feature) {
    return feature == RuntimeFeature.FREEZING_SERVICES && freezing;
  }

  @Override
  public void onResume() {
    log("resume");
  }

  @Override
  public CompletionStage<Void> deployArtifact(ArtifactId artifact, byte[] deploySpec) {
    log("deploy " + artifact);
    if (deployed.contains(artifact)) {
      throw new AssertionError("The dispatcher deployed " + artifact + " twice");
    }
    CompletableFuture<Void> gate =
        gates.getOrDefault(artifact, CompletableFuture.completedFuture(null));
    return gate.thenRun(() -> {
      String failure = deployFailures.get(artifact);
      if (failure != null) {
        throw new ExecutionException(ExecutionError.of(ErrorKind.RUNTIME, 1, failure));
      }
      if (!offered.containsKey(artifact)) {
        throw new ExecutionException(
            ExecutionError.of(ErrorKind.RUNTIME, 1, "Unknown artifact " + artifact));
      }
      deployed.add(artifact);
    });
  }

  @Override
  public boolean isArtifactDeployed(ArtifactId artifact) {
    return deployed.contains(artifact);
  }

  @Override
  public void unloadArtifact(ArtifactId artifact) {
    log("unload " + artifact);
    deployed.remove(artifact);
  }

  @Override
  public void initiateAddingService(ExecutionContext context, ArtifactId artifact, byte[] params) {
    log("add " + context.instance().name());
    guard(() -> newService(artifact).initialize(context, params));
  }

  @Override
  public void initiateResumingService(
      ExecutionContext context, ArtifactId artifact, byte[] params) {
    log("resuming " + context.instance().name());
    guard(() -> newService(artifact).resume(context, params));
  }

  @Override
  public void updateServiceStatus(BlockchainData snapshot, InstanceState state) {
    String status = state.status().map(s -> s.label()).orElse("none");
    log("status " + state.spec().name() + " " + status);
    int instance = state.spec().id();
    boolean keep =
        state.status().map(s -> s.providesReadAccess()).orElse(false)
            && state.associatedArtifact().isPresent();
    if (keep) {
      running.computeIfAbsent(instance, i -> newService(state.associatedArtifact().get()));
    } else {
      running.remove(instance);
    }
  }

  @Override
  public Optional<MigrationScript> migrate(ArtifactId newArtifact, Version dataVersion) {
    log("migrate " + newArtifact + " from " + dataVersion);
    var scripts = migrations.get(newArtifact);
    if (scripts == null) {
      throw new InitMigrationException(newArtifact + " has no migrations");
    }
    return scripts.apply(newArtifact, dataVersion);
  }

  @Override
  public void execute(ExecutionContext context, int methodId, byte[] arguments) {
    log("execute " + context.instance().name() + " " + methodId);
    guard(() -> service(context).execute(context, methodId, arguments));
  }

  @Override
  public void beforeTransactions(ExecutionContext context) {
    log("before " + context.instance().name());
    guard(() -> service(context).beforeTransactions(context));
  }

  @Override
  public void afterTransactions(ExecutionContext context) {
    log("after " + context.instance().name());
    guard(() -> service(context).afterTransactions(context));
  }

  @Override
  public void afterCommit(AfterCommitContext context) {
    log("commit " + context.height());
    running.values().forEach(s -> s.afterCommit(context));
  }

  @Override
  public void close() {
    log("close");
    closed = true;
  }

  private TestService service(ExecutionContext context) {
    TestService service = running.get(context.instance().id());
    if (service == null) {
      throw new AssertionError("The dispatcher called " + context.instance() + ", not running");
    }
    return service;
  }

  private TestService newService(ArtifactId artifact) {
    Supplier<TestService> factory = offered.get(artifact);
    if (factory == null || !deployed.contains(artifact)) {
      throw new AssertionError("Artifact " + artifact + " is not deployed in runtime " + id);
    }
    return factory.get();
  }

  /** Turns service exceptions into unexpected errors, as a real runtime must. */
  private static void guard(Runnable call) {
    try {
      call.run();
    } catch (ExecutionException | StorageException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ExecutionException(ExecutionError.unexpected(String.valueOf(e)));
    }
  }

  private synchronized void log(String event) {
    events.add(event);
  }
}
