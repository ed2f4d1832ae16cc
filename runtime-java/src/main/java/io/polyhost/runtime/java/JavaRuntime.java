package io.polyhost.runtime.java;

import io.polyhost.api.error.CommonError;
import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.migration.InitMigrationException;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.proto.ServiceInterfaceProto;
import io.polyhost.api.runtime.AfterCommitContext;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.RuntimeEnvironment;
import io.polyhost.api.runtime.RuntimeFeature;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.service.Configurable;
import io.polyhost.api.service.MigrationProvider;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.ServiceFactory;
import io.polyhost.api.service.ServiceInterface;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java runtime ({@link RuntimeId#JAVA}): services from artifact JARs in an artifacts directory,
 * each artifact version in its own isolated class loader, plus builtin artifacts from the host's
 * class path. See the package description for the JAR rules, the isolation and the error policy.
 */
public final class JavaRuntime implements Runtime {
  private static final Logger LOG = LoggerFactory.getLogger(JavaRuntime.class);

  private final Deployer deployer;
  private final GasLimits gas;
  private final Map<ArtifactId, Builtin> builtins = new ConcurrentHashMap<>();
  private final Map<ArtifactId, LoadedArtifact> deployed = new ConcurrentHashMap<>();
  private final Map<Integer, RunningService> running = new ConcurrentSkipListMap<>();
  private final ExecutorService deployThread;
  private volatile @Nullable RuntimeEnvironment environment;

  private record Builtin(ServiceFactory factory, Optional<MigrationProvider> migrations) {}

  /** A runtime that deploys JARs from {@code artifactsDirectory} within the default limits. */
  public JavaRuntime(Path artifactsDirectory) {
    this(artifactsDirectory, JarLimits.defaults(), GasLimits.defaults());
  }

  /** A runtime that deploys JARs from {@code artifactsDirectory} within {@code limits}. */
  public JavaRuntime(Path artifactsDirectory, JarLimits limits) {
    this(artifactsDirectory, limits, GasLimits.defaults());
  }

  /**
   * A runtime that deploys JARs from {@code artifactsDirectory} within {@code limits} and meters
   * every call into artifact code with {@code gas}, which must be the same on every node.
   */
  public JavaRuntime(Path artifactsDirectory, JarLimits limits, GasLimits gas) {
    this(artifactsDirectory, limits, gas, true);
  }

  /**
   * Like the public constructor; without {@code metered} artifacts are not instrumented. Only for
   * measuring what metering costs: unmetered code can loop forever.
   */
  JavaRuntime(Path artifactsDirectory, JarLimits limits, GasLimits gas, boolean metered) {
    ClassLoader hostLoader = ServiceFactory.class.getClassLoader();
    this.gas = gas;
    this.deployer =
        new Deployer(
            new ArtifactFiles(artifactsDirectory, limits),
            new JarReader(limits),
            new ApiGate(hostLoader),
            gas,
            metered);
    this.deployThread =
        Executors.newSingleThreadExecutor(task -> {
          Thread thread = new Thread(task, "java-runtime-deploy");
          thread.setDaemon(true);
          thread.setContextClassLoader(hostLoader);
          return thread;
        });
  }

  /**
   * Makes {@code artifact} deployable from the host's class path, with an empty deploy spec; for
   * services compiled into the node, such as the supervisor.
   *
   * @throws IllegalArgumentException if the artifact is not a Java artifact
   * @throws IllegalStateException if a builtin of that id is registered already
   */
  public void registerBuiltin(ArtifactId artifact, ServiceFactory factory) {
    putBuiltin(artifact, new Builtin(factory, Optional.empty()));
  }

  /** Like {@link #registerBuiltin(ArtifactId, ServiceFactory)}, with migrations. */
  public void registerBuiltin(
      ArtifactId artifact, ServiceFactory factory, MigrationProvider migrations) {
    putBuiltin(artifact, new Builtin(factory, Optional.of(migrations)));
  }

  /** The interface the services of a deployed {@code artifact} publish. */
  public Optional<ServiceInterface> serviceInterface(ArtifactId artifact) {
    return Optional.ofNullable(deployed.get(artifact)).map(a -> a.table().published());
  }

  /** Keeps the node's side, through which read endpoints reach the latest state. */
  @Override
  public void initialize(RuntimeEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Optional<ServiceInterfaceProto> artifactInterface(ArtifactId artifact) {
    return serviceInterface(artifact).map(ServiceInterface::toProto);
  }

  /**
   * Answers a GET through the service's {@link Service#read}, on the latest committed state and
   * metered like a call; empty if the instance does not run here or has no such endpoint.
   *
   * @throws IllegalStateException if the runtime was not initialized with the node's environment
   */
  @Override
  public Optional<EndpointResponse> handleEndpoint(InstanceSpec instance, EndpointRequest request) {
    RunningService service = running.get(instance.id());
    if (service == null || !service.spec().equals(instance)) {
      return Optional.empty();
    }
    RuntimeEnvironment node = environment;
    if (node == null) {
      throw new IllegalStateException("The Java runtime was not initialized with the node's side");
    }
    return node.readLatestProven(
        (data, prover) -> ServiceReads.answer(service, data, prover, request, gas));
  }

  @Override
  public boolean isSupported(RuntimeFeature feature) {
    // A frozen service keeps its object for reads; the dispatcher routes no calls to it.
    return feature == RuntimeFeature.FREEZING_SERVICES;
  }

  @Override
  public CompletionStage<Void> deployArtifact(ArtifactId artifact, byte[] deploySpec) {
    byte[] spec = deploySpec.clone();
    CompletableFuture<Void> done = new CompletableFuture<>();
    deployThread.execute(() -> {
      try {
        LoadedArtifact loaded = load(artifact, spec);
        if (deployed.putIfAbsent(artifact, loaded) != null) {
          loaded.close();
          throw JavaRuntimeError.ALREADY_DEPLOYED.exception(artifact + " is deployed already");
        }
        LOG.info("Deployed {}", artifact);
        done.complete(null);
      } catch (RuntimeException | Error e) {
        LOG.warn("Cannot deploy {}: {}", artifact, e.getMessage());
        done.completeExceptionally(e);
      }
    });
    return done;
  }

  private LoadedArtifact load(ArtifactId artifact, byte[] spec) {
    if (artifact.runtimeId() != RuntimeId.JAVA) {
      throw JavaRuntimeError.WRONG_RUNTIME.exception(
          artifact + " belongs to runtime " + artifact.runtimeId() + ", not to Java");
    }
    Builtin builtin = builtins.get(artifact);
    if (builtin == null) {
      return deployer.deploy(artifact, spec);
    }
    if (spec.length != 0) {
      throw JavaRuntimeError.MALFORMED_DEPLOY_SPEC.exception(
          artifact + " is builtin; its deploy spec must be empty");
    }
    return Deployer.builtin(artifact, builtin.factory(), builtin.migrations(), gas);
  }

  @Override
  public boolean isArtifactDeployed(ArtifactId artifact) {
    return deployed.containsKey(artifact);
  }

  /**
   * Drops everything the runtime holds of {@code artifact} and closes its class loader.
   *
   * @throws IllegalStateException if a service still runs it: the dispatcher must not unload it
   */
  @Override
  public void unloadArtifact(ArtifactId artifact) {
    List<String> users =
        running.values().stream()
            .filter(s -> s.artifact().id().equals(artifact))
            .map(s -> s.spec().name())
            .toList();
    if (!users.isEmpty()) {
      throw new IllegalStateException(
          "Cannot unload " + artifact + ": services " + users + " run it");
    }
    LoadedArtifact loaded = deployed.remove(artifact);
    if (loaded != null) {
      loaded.close();
      LOG.info("Unloaded {}", artifact);
    }
  }

  @Override
  public void initiateAddingService(
      ExecutionContext context, ArtifactId artifact, byte[] parameters) {
    LoadedArtifact loaded = artifact(artifact);
    PluginCalls.run(
        loaded.loader(),
        gas,
        () -> loaded.newService(context.instance()).initialize(context, parameters));
  }

  @Override
  public void initiateResumingService(
      ExecutionContext context, ArtifactId artifact, byte[] parameters) {
    LoadedArtifact loaded = artifact(artifact);
    PluginCalls.run(
        loaded.loader(),
        gas,
        () -> loaded.newService(context.instance()).resume(context, parameters));
  }

  @Override
  public void updateServiceStatus(BlockchainData snapshot, InstanceState state) {
    int id = state.spec().id();
    Optional<InstanceStatus> status = state.status().filter(InstanceStatus::providesReadAccess);
    Optional<ArtifactId> artifact = state.associatedArtifact();
    if (status.isEmpty() || artifact.isEmpty()) {
      running.remove(id);
      return;
    }
    RunningService current = running.get(id);
    if (current != null && current.artifact().id().equals(artifact.get())) {
      running.put(
          id,
          new RunningService(state.spec(), status.get(), current.artifact(), current.service()));
      return;
    }
    LoadedArtifact loaded = artifact(artifact.get());
    Service created;
    try {
      created = PluginCalls.get(loaded.loader(), gas, () -> loaded.newService(state.spec()));
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot instantiate " + state.spec() + ": " + e.getMessage());
    }
    running.put(id, new RunningService(state.spec(), status.get(), loaded, created));
  }

  @Override
  public Optional<MigrationScript> migrate(ArtifactId newArtifact, Version dataVersion) {
    LoadedArtifact loaded = deployed.get(newArtifact);
    if (loaded == null) {
      throw new InitMigrationException(newArtifact + " is not deployed in the Java runtime");
    }
    return loaded
        .migrations()
        .orElseThrow(() ->
            new InitMigrationException(
                newArtifact
                    + " ships no migrations (no Polyhost-Migrations in its manifest), so it"
                    + " cannot take over data of version "
                    + dataVersion))
        .select(dataVersion);
  }

  @Override
  public void execute(ExecutionContext context, int methodId, byte[] arguments) {
    RunningService service = service(context);
    String interfaceName = context.interfaceName();
    PluginCalls.run(
        service.artifact().loader(),
        gas,
        () -> {
          if (interfaceName.isEmpty()) {
            service.artifact().table().invoke(service.service(), context, methodId, arguments);
          } else if (interfaceName.equals(Configurable.INTERFACE_NAME)) {
            ConfigureInterface.invoke(service.service(), context, methodId, arguments);
          } else {
            throw CommonError.NO_SUCH_INTERFACE.exception(
                context.instance().name() + " has no interface '" + interfaceName + "'");
          }
        });
  }

  @Override
  public void beforeTransactions(ExecutionContext context) {
    RunningService service = service(context);
    PluginCalls.run(
        service.artifact().loader(), gas, () -> service.service().beforeTransactions(context));
  }

  @Override
  public void afterTransactions(ExecutionContext context) {
    RunningService service = service(context);
    PluginCalls.run(
        service.artifact().loader(), gas, () -> service.service().afterTransactions(context));
  }

  @Override
  public void afterCommit(AfterCommitContext context) {
    for (RunningService service : running.values()) {
      try {
        PluginCalls.run(
            service.artifact().loader(),
            gas,
            () -> service.service().afterCommit(new ServiceCommitContext(context, service)));
      } catch (RuntimeException e) {
        // Node-local: a failing hook must not stop the node or the other services' hooks.
        LOG.warn("after-commit hook of {} failed: {}", service.spec(), PluginCalls.describe(e));
      }
    }
  }

  /** Stops deploying, drops every service and closes every artifact's loader. */
  @Override
  public void close() {
    deployThread.shutdownNow();
    running.clear();
    deployed.values().forEach(LoadedArtifact::close);
    deployed.clear();
  }

  private void putBuiltin(ArtifactId artifact, Builtin builtin) {
    if (artifact.runtimeId() != RuntimeId.JAVA) {
      throw new IllegalArgumentException(artifact + " is not a Java artifact (runtime 1)");
    }
    if (builtins.putIfAbsent(artifact, builtin) != null) {
      throw new IllegalStateException("Builtin " + artifact + " is registered already");
    }
  }

  private LoadedArtifact artifact(ArtifactId artifact) {
    LoadedArtifact loaded = deployed.get(artifact);
    if (loaded == null) {
      throw new ExecutionException(
          CoreError.ARTIFACT_NOT_DEPLOYED.error(artifact + " is not deployed in the Java runtime"));
    }
    return loaded;
  }

  private RunningService service(ExecutionContext context) {
    RunningService service = running.get(context.instance().id());
    if (service == null) {
      // The dispatcher routes only to services it told us to run: this is a bug, not a result.
      throw new IllegalStateException(context.instance() + " is not running in the Java runtime");
    }
    return service;
  }
}
