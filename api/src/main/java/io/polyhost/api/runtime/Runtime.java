package io.polyhost.api.runtime;

import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.migration.InitMigrationException;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.proto.ServiceInterfaceProto;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A way to run services: the Java runtime (JAR artifacts) and the JavaScript runtime are the two
 * that ship; the dispatcher knows each by its numeric id ({@link RuntimeId}).
 *
 * <h2>Call order</h2>
 *
 * Within a runtime's life the dispatcher calls it in this order:
 *
 * <pre>
 * LIFE     ::= initialize (GENESIS | RESUME) BLOCK* close
 * GENESIS  ::= deployArtifact* (initiateAddingService CALL*)* updateServiceStatus*
 *              (afterTransactions CALL*)* afterCommit deployArtifact*
 * RESUME   ::= (deployArtifact | updateServiceStatus | migrate)* onResume
 * BLOCK    ::= PROPOSAL+ COMMIT
 * PROPOSAL ::= CALL* (beforeTransactions CALL*)* (execute CALL*)* (afterTransactions CALL*)*
 * CALL     ::= execute | initiateAddingService | initiateResumingService | migrate
 * COMMIT   ::= (deployArtifact | unloadArtifact)* (updateServiceStatus | migrate)* afterCommit
 *              deployArtifact*
 * </pre>
 *
 * A runtime also receives calls that services of other runtimes make (child calls, and the
 * supervisor creating or resuming services), so {@code CALL}s may come before its own hooks. The
 * {@code deployArtifact} calls after {@code afterCommit} are the deployments privileged services
 * asked for through the {@link Mailbox}. </pre>
 *
 * {@link #isArtifactDeployed} and {@link #isSupported} may be called at any time. A height may see
 * several proposals; only the committed one is followed by a commit, so nothing a proposal does may
 * leave traces outside the state it was given.
 *
 * <h2>Consensus</h2>
 *
 * {@link #initiateAddingService}, {@link #initiateResumingService}, {@link #execute}, {@link
 * #beforeTransactions} and {@link #afterTransactions} must give every node the same outcome and the
 * same changes for the same input. They report a failure by throwing {@link ExecutionException}:
 * its changes are rolled back and its error recorded in the block. Service code's own exceptions
 * must be turned into {@link ExecutionException}s of kind {@code UNEXPECTED} by the runtime.
 * Anything else thrown (an {@link Error}, a storage failure, a bug in the runtime) is treated as a
 * fact about this node, not about the transaction: the node stops executing the block rather than
 * record a result other nodes might not share. The other methods are node-local.
 */
public interface Runtime extends AutoCloseable {
  /** Called once, before anything else. */
  default void initialize(RuntimeEnvironment environment) {}

  /** Whether this runtime has the optional {@code feature}; {@code false} for unknown features. */
  default boolean isSupported(RuntimeFeature feature) {
    return false;
  }

  /**
   * Called once after a restart, when every artifact and service has been restored; not called
   * after a fresh genesis.
   */
  default void onResume() {}

  /**
   * Deploys {@code artifact} on this node: finds it, checks it against {@code deploySpec} and loads
   * it. Called at most once per artifact while it is deployed; the dispatcher never asks twice. May
   * run for a while: the work should not block the caller.
   *
   * @return completes when the artifact is ready, or exceptionally with an {@link
   *     ExecutionException} that says why it cannot be deployed
   */
  CompletionStage<Void> deployArtifact(ArtifactId artifact, byte[] deploySpec);

  /** Whether {@code artifact} is deployed here. */
  boolean isArtifactDeployed(ArtifactId artifact);

  /**
   * Releases what a deployed artifact holds. Called when the block that unloads it commits; no
   * service runs it or migrates to it.
   */
  default void unloadArtifact(ArtifactId artifact) {}

  /**
   * Runs the constructor of a new service instance ({@code context.instance()}). Called exactly
   * once in the blockchain's life for each instance that gets created; not on restarts. The
   * instance may still never be committed, so keep no resources for it until {@link
   * #updateServiceStatus} confirms it.
   *
   * @throws ExecutionException if the constructor refuses {@code parameters}
   */
  void initiateAddingService(ExecutionContext context, ArtifactId artifact, byte[] parameters);

  /**
   * Runs the resume hook of a stopped or frozen service, which may reconfigure it with {@code
   * parameters}. The dispatcher has checked that its data matches {@code artifact}.
   *
   * @throws ExecutionException if the hook refuses
   */
  void initiateResumingService(ExecutionContext context, ArtifactId artifact, byte[] parameters);

  /**
   * Tells the runtime an instance's committed state: when a block that changed it commits, and for
   * every instance after a restart. A status that provides read access with an associated artifact
   * means the service should be (or stay) instantiated; anything else means it should be dropped.
   * Must not fail: the node cannot recover from a failure here.
   */
  void updateServiceStatus(BlockchainData snapshot, InstanceState state);

  /**
   * The script that migrates a service's data from {@code dataVersion} towards {@code newArtifact},
   * which is deployed and newer; empty if the data needs no change (a fast-forward). Must be
   * idempotent: the same arguments give the same answer on every call and every node.
   *
   * @throws InitMigrationException if this runtime cannot migrate such data
   */
  Optional<MigrationScript> migrate(ArtifactId newArtifact, Version dataVersion);

  /**
   * Runs method {@code methodId} of the interface {@code context.interfaceName()} of an active
   * service.
   *
   * @throws ExecutionException with {@code CommonError.NO_SUCH_INTERFACE} or {@code NO_SUCH_METHOD}
   *     if the service lacks them, or with the method's own error
   */
  void execute(ExecutionContext context, int methodId, byte[] arguments);

  /**
   * Called once per block, before its transactions, for each service that was active when the block
   * began; not in the genesis block.
   *
   * @throws ExecutionException to fail the hook (only its own changes are rolled back)
   */
  void beforeTransactions(ExecutionContext context);

  /**
   * Called once per block, after its transactions, for each service that was active when the block
   * began, and in the genesis block for the builtin services.
   *
   * @throws ExecutionException to fail the hook (only its own changes are rolled back)
   */
  void afterTransactions(ExecutionContext context);

  /** Called once per committed block, genesis included, after every status update of that block. */
  void afterCommit(AfterCommitContext context);

  /**
   * What the services of a deployed {@code artifact} publish about their default interface: method
   * ids, names and argument types, so clients can build transactions. Empty if the artifact is not
   * deployed here or the runtime publishes nothing.
   */
  default Optional<ServiceInterfaceProto> artifactInterface(ArtifactId artifact) {
    return Optional.empty();
  }

  /**
   * Answers a GET on a read endpoint of {@code instance}, which is readable (active, frozen or
   * migrating) in the latest committed block. The runtime reads state through {@link
   * RuntimeEnvironment#readLatest}; node-local, never part of consensus. Called from HTTP threads,
   * possibly concurrently with block execution and with each other.
   *
   * @return empty if the service has no endpoint at {@code request.path()} in that scope (the node
   *     answers 404)
   */
  default Optional<EndpointResponse> handleEndpoint(
      InstanceSpec instance, EndpointRequest request) {
    return Optional.empty();
  }

  /** Shuts the runtime down and releases everything it holds. */
  @Override
  default void close() {}
}
