package io.polyhost.host.dispatcher;

import io.polyhost.api.error.CallSite;
import io.polyhost.api.error.CallType;
import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.ArtifactSpecProto;
import io.polyhost.api.proto.InstanceInitParamsProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.Broadcaster;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.RuntimeEnvironment;
import io.polyhost.storage.Database;
import io.polyhost.storage.Fork;
import io.polyhost.storage.Patch;
import io.polyhost.storage.Snapshot;
import io.polyhost.storage.StorageAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts the runtimes: keeps the registry of artifacts and services, runs every call of a block in
 * isolation, moves services through their lifecycle, and runs data migrations.
 *
 * <p>The blockchain drives it, one block at a time on one thread: {@link #beforeTransactions},
 * {@link #execute} for each transaction, {@link #afterTransactions}, {@link #activatePending}, then
 * (once the block is final) {@link #prepareCommit}, {@link #applyCommit} and, after the merge,
 * {@link #afterCommit}. {@link #checkTx} may be called from any thread.
 */
public final class Dispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final Runtimes runtimes;
  private final CoreRecords core;
  private final Deployments deployments = new Deployments();
  private final MigrationRunner migrations;
  private volatile CommittedServices committed = CommittedServices.EMPTY;

  /**
   * A dispatcher over {@code db} hosting {@code runtimes} by id.
   *
   * @throws IllegalArgumentException if there are no runtimes
   */
  public Dispatcher(Database db, Map<Integer, Runtime> runtimes, CoreRecords core) {
    if (runtimes.isEmpty()) {
      throw new IllegalArgumentException("A dispatcher needs at least one runtime");
    }
    this.runtimes = new Runtimes(runtimes);
    this.core = core;
    this.migrations = new MigrationRunner(db);
  }

  /** Initialises every runtime; call once, first. */
  public void initialize(RuntimeEnvironment environment) {
    runtimes.all().values().forEach(r -> r.initialize(environment));
  }

  /** A read-only view of the blockchain in {@code access}, as services see it. */
  public BlockchainData view(StorageAccess access) {
    return new StateView(access, core);
  }

  /**
   * Builds the genesis state in {@code fork}: deploys the builtin artifacts, creates the builtin
   * services (constructors run with the blockchain as caller), activates them at once and runs
   * their after-transactions hooks.
   *
   * @throws IllegalArgumentException if the configuration is inconsistent or a constructor or hook
   *     fails; the message names the service and the error
   */
  public void createGenesis(
      Fork fork,
      BlockInfo block,
      List<ArtifactSpecProto> artifacts,
      List<InstanceInitParamsProto> instances) {
    CallScope scope = scope(fork, block);
    for (ArtifactSpecProto spec : artifacts) {
      ArtifactId artifact = ArtifactId.fromProto(spec.getArtifact());
      byte[] payload = spec.getPayload().toByteArray();
      genesisStep(() -> scope.lifecycle().addActiveArtifact(artifact, payload), artifact);
      deployments.deployOrHalt(runtimes.get(artifact.runtimeId()), artifact, payload);
    }
    for (InstanceInitParamsProto params : instances) {
      InstanceSpec spec = InstanceSpec.fromProto(params.getInstanceSpec());
      CallContext parent = CallContext.topLevel(scope, spec, Caller.Blockchain.INSTANCE, null);
      genesisStep(
          () ->
              SupervisorOps.addService(
                  parent, Caller.Blockchain.INSTANCE, spec, params.getConstructor().toByteArray()),
          spec);
    }
    fork.flush();
    // Unconditionally, unlike later blocks: this opens (and so creates) the artifact registry even
    // for a genesis without artifacts, and the registry is in the state hash from then on.
    MigrationTransitions.applyFlushes(fork);
    BlockChanges.activatePending(new DispatcherSchema(fork));
    BlockChanges changes = BlockChanges.take(new DispatcherSchema(fork));
    notifyStatuses(view(fork), changes);
    List<HookError> errors = afterTransactions(fork, block);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "The genesis block cannot be created: the after-transactions hook of service #"
              + errors.getFirst().instanceId()
              + " failed with "
              + errors.getFirst().error());
    }
  }

  /** Runs the before-transactions hook of every active service, each isolated; not at genesis. */
  public List<HookError> beforeTransactions(Fork fork, BlockInfo block) {
    return runHooks(fork, block, CallType.BEFORE_TRANSACTIONS);
  }

  /** Runs the after-transactions hook of every service active when the block began. */
  public List<HookError> afterTransactions(Fork fork, BlockInfo block) {
    return runHooks(fork, block, CallType.AFTER_TRANSACTIONS);
  }

  /**
   * Executes {@code tx} in isolation: its changes are kept in {@code fork} if it succeeds and
   * rolled back if it fails.
   *
   * @return the error to record for the transaction, if it failed
   * @throws NodeHaltException if something other than the transaction's outcome went wrong
   */
  public Optional<ExecutionError> execute(Fork fork, BlockInfo block, SignedTransaction tx) {
    int instanceId = tx.instanceId();
    int methodId = tx.transaction().getCallInfo().getMethodId();
    CallSite site = CallSite.method(instanceId, "", methodId);
    Optional<CommittedServices.Service> target =
        committed.get(instanceId).filter(CommittedServices.Service::isActive);
    if (target.isEmpty()) {
      return Optional.of(
          CoreError.INCORRECT_INSTANCE_ID
              .error("No active service with id " + Integer.toUnsignedString(instanceId))
              .at(site));
    }
    CommittedServices.Service service = target.get();
    Runtime runtime = runtimes.get(service.runtimeId());
    CallContext context =
        CallContext.topLevel(
            scope(fork, block), service.spec(), new Caller.Transaction(tx.author()), tx.hash());
    byte[] arguments = tx.transaction().getArguments().toByteArray();
    return isolated(
        fork,
        context,
        service.runtimeId(),
        site,
        () -> runtime.execute(context, methodId, arguments));
  }

  /**
   * Ends the block's lifecycle transitions: moves the data of flushed migrations into place and
   * makes pending statuses and artifacts current. Call after the after-transactions hooks and
   * before the block's state hash is taken.
   */
  public void activatePending(Fork fork) {
    // Most blocks leave nothing pending: two empty scans settle that, where the steps below would
    // open and scan the pending indexes three times and the artifact registry once.
    if (!BlockChanges.anyPending(new DispatcherSchema(fork))) {
      return;
    }
    MigrationTransitions.applyFlushes(fork);
    BlockChanges.activatePending(new DispatcherSchema(fork));
  }

  /**
   * Takes the block's registry changes out of {@code fork} and settles its migrations: waits for
   * committed ones and checks their hashes, aborts and erases rolled-back ones, and records the
   * outcomes of scripts that finished. Call once the block is final, after its state hash is taken.
   *
   * @throws NodeHaltException if a committed migration's local outcome differs from the agreed one
   */
  public CommitPlan prepareCommit(Fork fork) {
    DispatcherSchema schema = new DispatcherSchema(fork);
    BlockChanges changes = BlockChanges.take(schema);
    new MigrationSettlement(schema, migrations, fork).settle(changes);
    return new CommitPlan(changes);
  }

  /**
   * Carries out a committed block's changes on this node, before its patch is merged: deploys
   * registered artifacts (waiting for them), unloads unloaded ones, tells runtimes the new
   * statuses, starts migration scripts, and switches routing to the new statuses.
   *
   * @throws NodeHaltException if a registered artifact cannot be deployed here
   */
  public void applyCommit(Patch patch, CommitPlan plan) {
    BlockChanges changes = plan.changes();
    if (changes.isEmpty()) {
      // Nothing to deploy, unload or announce: the routing table stays as it is.
      return;
    }
    var schema = new DispatcherSchema(patch);
    for (ArtifactId artifact : changes.deployed()) {
      byte[] spec = schema.artifacts().get(artifact).orElseThrow().getDeploySpec().toByteArray();
      deployments.deployOrHalt(runtimes.get(artifact.runtimeId()), artifact, spec);
    }
    for (ArtifactId artifact : changes.unloaded()) {
      runtimes.get(artifact.runtimeId()).unloadArtifact(artifact);
      deployments.forget(artifact);
      LOG.info("Unloaded artifact {}", artifact);
    }
    notifyStatuses(view(patch), changes);
  }

  /**
   * Tells every runtime that a block was committed, then carries out what they asked for through
   * the mailbox (deployments run in the background).
   */
  public void afterCommit(
      Snapshot snapshot, Optional<Broadcaster> broadcaster, Optional<Integer> validatorId) {
    BlockchainData data = view(snapshot);
    long height = data.height();
    MailboxQueue mailbox = new MailboxQueue();
    for (Runtime runtime : runtimes.all().values()) {
      runtime.afterCommit(
          new CommitContext(data, height, mailbox, broadcaster, validatorId, snapshot));
    }
    for (MailboxQueue.DeployRequest request : mailbox.requests()) {
      startDeploy(request);
    }
  }

  /**
   * Restores the runtimes after a restart: deploys every registered artifact, tells runtimes the
   * state of every service, restarts unfinished migrations and finally calls {@code onResume}.
   *
   * @throws NodeHaltException if a registered artifact cannot be deployed here
   */
  public void restore(Snapshot snapshot) {
    DispatcherSchema schema = new DispatcherSchema(snapshot);
    BlockchainData data = view(snapshot);
    data.artifacts()
        .forEach((artifact, status) -> {
          byte[] spec =
              schema.artifacts().get(artifact).orElseThrow().getDeploySpec().toByteArray();
          deployments.deployOrHalt(runtimes.get(artifact.runtimeId()), artifact, spec);
        });
    List<InstanceState> all = schema.allInstances();
    for (InstanceState state : all) {
      runtimes.get(state.spec().artifact().runtimeId()).updateServiceStatus(data, state);
    }
    committed = CommittedServices.EMPTY.with(all);
    new MigrationSettlement(schema, migrations, null).restart(all, runtimes);
    runtimes.all().values().forEach(Runtime::onResume);
  }

  /**
   * Whether a transaction to {@code instanceId} may enter the pool: the service must exist and be
   * active as of the last committed block. Safe to call from any thread.
   */
  public Optional<ExecutionError> checkTx(int instanceId) {
    Optional<CommittedServices.Service> service = committed.get(instanceId);
    if (service.isEmpty()) {
      return Optional.of(
          CoreError.INCORRECT_INSTANCE_ID.error(
              "No service with id " + Integer.toUnsignedString(instanceId)));
    }
    if (!service.get().isActive()) {
      return Optional.of(
          CoreError.SERVICE_NOT_ACTIVE.error(
              "Service '"
                  + service.get().spec().name()
                  + "' is "
                  + service.get().status().label()
                  + " and takes no transactions"));
    }
    return Optional.empty();
  }

  /**
   * Forgets this node's outcome of the migration of {@code serviceName} (the CLI's {@code
   * maintenance restart-migration}), so its script runs again when the node starts.
   *
   * @return whether there was an outcome to forget
   */
  public static boolean removeLocalMigrationResult(Fork fork, String serviceName) {
    var results = new DispatcherSchema(fork).localMigrationResults();
    boolean present = results.containsKey(serviceName);
    results.remove(serviceName);
    return present;
  }

  /**
   * The hosted runtime with id {@code runtimeId}, for node-local work outside blocks such as the
   * HTTP API's service endpoints; empty if this node hosts no such runtime.
   */
  public Optional<Runtime> runtime(int runtimeId) {
    return runtimes.find(runtimeId);
  }

  /**
   * Whether this node runs (or holds the unrecorded outcome of) a script of {@code serviceName}.
   */
  boolean isMigrationScriptRunning(String serviceName) {
    return migrations.isRunning(serviceName);
  }

  /** Aborts running migration scripts and shuts every runtime down. */
  @Override
  public void close() {
    migrations.close();
    for (Runtime runtime : runtimes.all().values()) {
      try {
        runtime.close();
      } catch (RuntimeException e) {
        LOG.warn("Runtime {} failed to shut down cleanly", runtime, e);
      }
    }
  }

  private CallScope scope(Fork fork, BlockInfo block) {
    return CallScope.of(fork, block, runtimes, committed, core);
  }

  private List<HookError> runHooks(Fork fork, BlockInfo block, CallType type) {
    CallScope scope = scope(fork, block);
    List<HookError> errors = new ArrayList<>();
    for (CommittedServices.Service service : committed.active()) {
      Runtime runtime = runtimes.get(service.runtimeId());
      CallContext context =
          CallContext.topLevel(scope, service.spec(), Caller.Blockchain.INSTANCE, null);
      CallSite site = CallSite.of(service.spec().id(), type);
      Runnable hook =
          type == CallType.BEFORE_TRANSACTIONS
              ? () -> runtime.beforeTransactions(context)
              : () -> runtime.afterTransactions(context);
      isolated(fork, context, service.runtimeId(), site, hook)
          .ifPresent(e -> errors.add(new HookError(service.spec().id(), e)));
    }
    return errors;
  }

  private static Optional<ExecutionError> isolated(
      Fork fork, CallContext context, int runtimeId, CallSite site, Runnable call) {
    // Whatever the caller wrote before this call (e.g. the transaction itself) must survive its
    // rollback.
    fork.flush();
    try {
      call.run();
    } catch (ExecutionException e) {
      fork.rollback();
      return Optional.of(CallContext.locate(e.error(), runtimeId, site));
    } catch (RuntimeException | Error e) {
      fork.rollback();
      throw new NodeHaltException(
          "The call at "
              + site
              + " failed in a way that is not a deterministic outcome ("
              + e
              + "); the block is not processed further",
          e);
    }
    if (context.isPoisoned()) {
      fork.rollback();
      return Optional.of(
          CallContext.locate(
              CoreError.INCORRECT_CALL.error(
                  "The call returned successfully although one of its child calls failed"),
              runtimeId,
              site));
    }
    fork.flush();
    return Optional.empty();
  }

  private void notifyStatuses(BlockchainData data, BlockChanges changes) {
    List<InstanceState> states = new ArrayList<>();
    for (BlockChanges.Modified modified : changes.instances()) {
      InstanceState state = modified.state();
      runtimes.get(state.spec().artifact().runtimeId()).updateServiceStatus(data, state);
      if (modified.step() == MigrationStep.START) {
        MigrationSettlement.startScript(migrations, runtimes, state);
      }
      states.add(state);
    }
    committed = committed.with(states);
  }

  private void startDeploy(MailboxQueue.DeployRequest request) {
    ArtifactId artifact = request.artifact();
    Optional<Runtime> runtime = runtimes.find(artifact.runtimeId());
    if (runtime.isEmpty()) {
      request
          .done()
          .completeExceptionally(
              CoreError.INCORRECT_RUNTIME.exception(
                  "No runtime with id " + artifact.runtimeId() + " for " + artifact));
      return;
    }
    deployments
        .request(runtime.get(), artifact, request.spec())
        .whenComplete((ok, failure) -> {
          if (failure == null) {
            request.done().complete(null);
          } else {
            LOG.warn("Deploying {} failed: {}", artifact, Deployments.reason(failure));
            request.done().completeExceptionally(failure);
          }
        });
  }

  private static void genesisStep(Runnable step, Object subject) {
    try {
      step.run();
    } catch (ExecutionException e) {
      throw new IllegalArgumentException(
          "The genesis block cannot be created: " + subject + " failed with " + e.error(), e);
    } catch (RuntimeException | Error e) {
      throw new NodeHaltException(
          "The genesis block cannot be created: " + subject + " failed on this node with " + e, e);
    }
  }
}
