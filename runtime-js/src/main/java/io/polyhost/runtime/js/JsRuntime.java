package io.polyhost.runtime.js;

import io.polyhost.api.error.CommonError;
import io.polyhost.api.migration.InitMigrationException;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.proto.ServiceInterfaceProto;
import io.polyhost.api.runtime.AfterCommitContext;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.RuntimeEnvironment;
import io.polyhost.api.runtime.RuntimeFeature;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.service.Configurable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaScript runtime ({@link RuntimeId#JAVASCRIPT}): services are ES modules run by GraalJS in
 * a deterministic sandbox.
 *
 * <p>An artifact is a {@code .mjs} file in the artifacts directory, or a bundle of modules (a
 * folder or a zip with a manifest), whose module declares its name and version ({@code export const
 * artifact = {name, version}}) and exports its service object ({@code export const service =
 * {...}}) and, optionally, its data migrations; the deploy spec ({@link JsDeploySpec}) names the
 * file and its SHA-256. The service API is documented by {@code polyhost.d.ts} in this module's
 * resources.
 *
 * <p>One GraalJS engine is shared; each service instance gets its own context. Every call runs
 * under a statement limit ({@link JsLimits}): exceeding it fails the call with {@link
 * JsError#OUT_OF_GAS} on every node alike. The JVM must run in UTC ({@code -Duser.timezone=UTC}),
 * because GraalJS takes local time from the JVM and the sandbox may not override it.
 */
public final class JsRuntime implements Runtime {
  private static final Logger LOG = LoggerFactory.getLogger(JsRuntime.class);

  private final JsLimits limits;
  private final SandboxEngine engine;
  private final ArtifactLoader loader;
  private final Watchdog watchdog;
  private final MigrationScripts migrationScripts;
  private final EndpointCalls endpointCalls;
  private volatile @Nullable RuntimeEnvironment environment;
  private final ExecutorService deployer =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().daemon().name("polyhost-js-deploy").unstarted(r));
  private final Map<ArtifactId, JsArtifact> deployed = new ConcurrentHashMap<>();
  private final Map<Integer, JsInstance> running = new ConcurrentHashMap<>();

  /** A runtime loading artifacts from {@code artifactsDirectory} with the default limits. */
  public JsRuntime(Path artifactsDirectory) {
    this(artifactsDirectory, JsLimits.DEFAULT);
  }

  /**
   * A runtime loading artifacts from {@code artifactsDirectory}; every node of a network must use
   * the same {@code limits}.
   *
   * @throws IllegalStateException if the JVM's default time zone is not UTC
   */
  public JsRuntime(Path artifactsDirectory, JsLimits limits) {
    requireUtc(TimeZone.getDefault());
    this.limits = limits;
    this.engine = new SandboxEngine();
    this.loader = new ArtifactLoader(artifactsDirectory, engine, limits.statementsPerCall());
    // The first context of a JVM takes seconds (Truffle's interpreter is not compiled yet): paid
    // now, in the background, rather than by the first deploy; deploys queue behind it.
    deployer.execute(engine::warmUp);
    this.watchdog = new Watchdog(limits.wallClockPerCall());
    this.migrationScripts = new MigrationScripts(engine, watchdog, limits);
    this.endpointCalls = new EndpointCalls(watchdog, limits);
  }

  static void requireUtc(TimeZone zone) {
    if (!zone.hasSameRules(TimeZone.getTimeZone("UTC"))) {
      throw new IllegalStateException(
          "The JavaScript runtime needs the JVM in UTC, but its time zone is "
              + zone.getID()
              + ": GraalJS would show services this node's local time. Start the JVM with"
              + " -Duser.timezone=UTC");
    }
  }

  /** The Truffle runtime GraalJS runs on: {@code Interpreted}, or the optimizing one's name. */
  String truffleRuntime() {
    return engine.runtimeName();
  }

  @Override
  public void initialize(RuntimeEnvironment environment) {
    this.environment = environment;
  }

  /** Freezing needs nothing of a runtime that keeps every readable instance's context. */
  @Override
  public boolean isSupported(RuntimeFeature feature) {
    return feature == RuntimeFeature.FREEZING_SERVICES;
  }

  @Override
  public CompletionStage<Void> deployArtifact(ArtifactId artifact, byte[] deploySpec) {
    byte[] spec = deploySpec.clone();
    return CompletableFuture.runAsync(
        () -> {
          JsArtifact loaded = loader.load(artifact, spec);
          deployed.put(artifact, loaded);
          LOG.info(
              "Deployed JavaScript artifact {} ({} transactions)",
              artifact,
              loaded.transactions().size());
        },
        deployer);
  }

  @Override
  public boolean isArtifactDeployed(ArtifactId artifact) {
    return deployed.containsKey(artifact);
  }

  @Override
  public void unloadArtifact(ArtifactId artifact) {
    deployed.remove(artifact);
    running.values().removeIf(instance -> closeIf(instance, artifact));
  }

  @Override
  public void initiateAddingService(
      ExecutionContext context, ArtifactId artifact, byte[] parameters) {
    runConstructorLike(context, artifact, "initialize", parameters);
  }

  @Override
  public void initiateResumingService(
      ExecutionContext context, ArtifactId artifact, byte[] parameters) {
    runConstructorLike(context, artifact, "resume", parameters);
  }

  @Override
  public void updateServiceStatus(BlockchainData snapshot, InstanceState state) {
    InstanceSpec spec = state.spec();
    boolean keep =
        state.status().map(s -> s.providesReadAccess()).orElse(false)
            && state.associatedArtifact().map(deployed::containsKey).orElse(false);
    JsInstance current = running.get(spec.id());
    if (current != null && (!keep || !current.artifact().id().equals(spec.artifact()))) {
      running.remove(spec.id());
      current.close();
      current = null;
    }
    if (keep && current == null) {
      running.put(spec.id(), newInstance(spec, artifact(spec.artifact())));
    }
  }

  /**
   * The script of {@code newArtifact}'s {@code migrations} export that takes data of {@code
   * dataVersion} one step further, or empty for a fast-forward; see {@link MigrationScripts} for
   * how it runs.
   *
   * @throws InitMigrationException if the artifact is not deployed here, exports no migrations, or
   *     does not start from data this old (or is older than the data)
   */
  @Override
  public Optional<MigrationScript> migrate(ArtifactId newArtifact, Version dataVersion) {
    JsArtifact artifact = deployed.get(newArtifact);
    if (artifact == null) {
      throw new InitMigrationException(newArtifact + " is not deployed in the JavaScript runtime");
    }
    JsMigrations migrations =
        artifact
            .migrations()
            .orElseThrow(() ->
                new InitMigrationException(
                    newArtifact
                        + " exports no migrations (export const migrations = {from, scripts}),"
                        + " so it cannot take over data of version "
                        + dataVersion));
    return migrations.select(dataVersion).map(script -> migrationScripts.script(artifact, script));
  }

  @Override
  public void execute(ExecutionContext context, int methodId, byte[] arguments) {
    JsInstance instance = instanceFor(context.instance());
    if (context.interfaceName().equals(Configurable.INTERFACE_NAME)) {
      JsArtifact artifact = instance.artifact();
      String method = ConfigureInterface.method(artifact, context, methodId);
      instance.call(
          context, "configure", method, arguments, artifact.configureCodec().orElseThrow());
      return;
    }
    if (!context.interfaceName().isEmpty()) {
      throw CommonError.NO_SUCH_INTERFACE.exception(
          "JavaScript service "
              + context.instance().name()
              + " has no interface '"
              + context.interfaceName()
              + "'");
    }
    JsArtifact artifact = instance.artifact();
    JsArtifact.Transaction tx =
        artifact
            .transaction(methodId)
            .orElseThrow(() ->
                artifact.removed(methodId)
                    ? CommonError.METHOD_REMOVED.exception(
                        "Transaction "
                            + methodId
                            + " of JavaScript service "
                            + context.instance().name()
                            + " was removed in "
                            + artifact.id()
                            + "; use a transaction the service still has")
                    : CommonError.NO_SUCH_METHOD.exception(
                        "JavaScript service "
                            + context.instance().name()
                            + " has no transaction with id "
                            + methodId));
    instance.call(context, "transaction", tx.name(), arguments, tx.codec());
  }

  @Override
  public void beforeTransactions(ExecutionContext context) {
    hook(context, "beforeTransactions");
  }

  @Override
  public void afterTransactions(ExecutionContext context) {
    hook(context, "afterTransactions");
  }

  @Override
  public void afterCommit(AfterCommitContext context) {
    for (JsInstance instance : List.copyOf(running.values())) {
      if (!instance.artifact().hasHook("afterCommit")) {
        continue;
      }
      InstanceSpec spec = instance.spec();
      var data = context.data().forService(InstanceQuery.id(spec.id()));
      CallSession session = CallSession.afterCommit(spec, context.height(), data);
      try {
        instance.run(
            session,
            "afterCommit",
            "",
            new byte[0],
            "json",
            JsInstance.hookSeed(spec, context.height(), 'c'),
            0);
      } catch (RuntimeException e) {
        // Node-local by contract: a failing hook is reported, never fatal to the node.
        LOG.warn("afterCommit of JavaScript service {} failed: {}", spec.name(), e.toString());
      }
    }
  }

  /**
   * The transactions of a deployed artifact by id and name, and whether it is configurable. A
   * JavaScript transaction takes its arguments as UTF-8 JSON text (or a string or raw bytes, as its
   * {@code arguments} codec says), never as a protobuf message, so every {@code argument_type} is
   * empty and no descriptors are published.
   */
  @Override
  public Optional<ServiceInterfaceProto> artifactInterface(ArtifactId artifact) {
    return Optional.ofNullable(deployed.get(artifact)).map(JsArtifact::publishedInterface);
  }

  /**
   * Answers a read endpoint the instance's service declares in {@code service.endpoints}; see
   * {@link EndpointCalls} for the statuses. Empty if the service has no endpoint at that path in
   * that scope.
   */
  @Override
  public Optional<EndpointResponse> handleEndpoint(InstanceSpec instance, EndpointRequest request) {
    JsInstance running = this.running.get(instance.id());
    if (running == null || !running.artifact().id().equals(instance.artifact())) {
      JsArtifact artifact = deployed.get(instance.artifact());
      if (artifact == null || !artifact.hasEndpoint(request.scope(), request.path())) {
        return Optional.empty();
      }
      return Optional.of(
          EndpointCalls.problem(
              503, instance.name() + " is not running on this node yet; try again"));
    }
    RuntimeEnvironment env = environment;
    if (env == null) {
      return Optional.of(EndpointCalls.problem(503, "The node has not initialized its runtimes"));
    }
    return endpointCalls.handle(running, request, env);
  }

  @Override
  public void close() {
    running.values().forEach(JsInstance::close);
    running.clear();
    deployer.shutdownNow();
    try {
      deployer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watchdog.close();
    engine.close();
  }

  private void runConstructorLike(
      ExecutionContext context, ArtifactId artifactId, String hook, byte[] parameters) {
    JsArtifact artifact = artifact(artifactId);
    if (!artifact.hasHook(hook)) {
      return;
    }
    // The instance may never be committed: its context lives only for this call.
    try (JsInstance instance =
        new JsInstance(context.instance(), artifact, engine, watchdog, limits, false)) {
      instance.call(context, hook, "", parameters, artifact.parametersCodec());
    }
  }

  private void hook(ExecutionContext context, String hook) {
    JsInstance instance = instanceFor(context.instance());
    if (instance.artifact().hasHook(hook)) {
      instance.call(context, hook, "", new byte[0], "json");
    }
  }

  private JsInstance instanceFor(InstanceSpec spec) {
    JsInstance instance = running.get(spec.id());
    if (instance != null
        && (instance.spec() == spec || instance.artifact().id().equals(spec.artifact()))) {
      return instance;
    }
    // Not instantiated by a status update (yet): serve this call from a fresh context.
    JsInstance created = newInstance(spec, artifact(spec.artifact()));
    running.put(spec.id(), created);
    return created;
  }

  private JsArtifact artifact(ArtifactId id) {
    JsArtifact artifact = deployed.get(id);
    if (artifact == null) {
      throw new IllegalStateException(
          "JavaScript artifact " + id + " is not deployed on this node; deploy it first");
    }
    return artifact;
  }

  private JsInstance newInstance(InstanceSpec spec, JsArtifact artifact) {
    return new JsInstance(spec, artifact, engine, watchdog, limits, true);
  }

  private static boolean closeIf(JsInstance instance, ArtifactId artifact) {
    if (!instance.artifact().id().equals(artifact)) {
      return false;
    }
    instance.close();
    return true;
  }
}
