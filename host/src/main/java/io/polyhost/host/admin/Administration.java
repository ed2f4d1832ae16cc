package io.polyhost.host.admin;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.host.artifacts.ArtifactsFolder;
import io.polyhost.host.artifacts.AvailableArtifact;
import io.polyhost.host.node.Node;
import io.polyhost.host.pool.Admission;
import io.polyhost.host.pool.RejectionReason;
import io.polyhost.supervisor.Supervisor;
import io.polyhost.supervisor.Supervisor.Methods;
import io.polyhost.supervisor.SupervisorSchema;
import io.polyhost.supervisor.proto.AsyncEventState;
import io.polyhost.supervisor.proto.ConfigChange;
import io.polyhost.supervisor.proto.ConfigPropose;
import io.polyhost.supervisor.proto.DeployRequest;
import io.polyhost.supervisor.proto.StartService;
import io.polyhost.supervisor.proto.SupervisorMode;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What an administrator asks this node to do through its supervisor: each request becomes a
 * supervisor transaction signed with the node's service key.
 */
public final class Administration {
  /** How far ahead a deploy request's deadline is when the request names none. */
  public static final long DEFAULT_DEADLINE_BLOCKS = 1000;

  private static final Duration POLL = Duration.ofMillis(25);

  private final Node node;
  private final ArtifactsFolder folder;

  /** Administration of {@code node}, whose artifacts are in {@code folder}. */
  public Administration(Node node, ArtifactsFolder folder) {
    this.node = node;
    this.folder = folder;
  }

  /** The node's artifacts folder. */
  public ArtifactsFolder folder() {
    return folder;
  }

  /**
   * Signs {@code request} as a call of supervisor method {@code methodId} and submits it.
   *
   * @return the transaction's hash; the same request sent again gives the same hash
   * @throws AdminException 400 if this node is not a validator, 503 if the pool cannot take it
   */
  public Hash submit(int methodId, MessageLite request) {
    if (!node.isValidator()) {
      throw new AdminException(
          400,
          "Invalid broadcast request",
          "This node is not a validator (its service key "
              + node.serviceKey().toHex()
              + " is not in the consensus configuration); only validators' nodes sign"
              + " supervisor requests");
    }
    Admission admission =
        node.submitAsNode(Supervisor.INSTANCE_ID, methodId, request.toByteArray());
    return switch (admission) {
      case Admission.Accepted accepted -> accepted.hash();
      case Admission.Rejected rejected
          when rejected.reason() == RejectionReason.DUPLICATE
              || rejected.reason() == RejectionReason.ALREADY_COMMITTED ->
          rejected.hash().orElseThrow();
      case Admission.Rejected rejected ->
          throw new AdminException(
              rejected.reason() == RejectionReason.POOL_FULL
                      || rejected.reason() == RejectionReason.CLOSED
                  ? 503
                  : 500,
              "Cannot broadcast the request",
              rejected.message());
    };
  }

  /**
   * {@code request} with what it leaves out filled in: the deploy spec from the artifacts folder if
   * the request has none, and a deadline {@value #DEFAULT_DEADLINE_BLOCKS} blocks ahead if it names
   * none.
   *
   * @throws AdminException 404 if the spec is missing and no file in the folder holds the artifact
   */
  public DeployRequest complete(DeployRequest request) {
    DeployRequest.Builder complete = request.toBuilder();
    if (request.getDeadlineHeight() == 0) {
      complete.setDeadlineHeight(node.blockchain().height() + DEFAULT_DEADLINE_BLOCKS);
    }
    if (request.getSpec().isEmpty()) {
      ArtifactId artifact;
      try {
        artifact = ArtifactId.fromProto(request.getArtifact());
      } catch (IllegalArgumentException e) {
        throw new AdminException(400, "Invalid artifact id", String.valueOf(e.getMessage()));
      }
      complete.setSpec(ByteString.copyFrom(available(artifact).deploySpec()));
    }
    return complete.build();
  }

  private boolean isActive(ArtifactId artifact) {
    return state(s -> Optional.ofNullable(s.artifacts().get(artifact)))
        .filter(status -> status == ArtifactStatus.ACTIVE)
        .isPresent();
  }

  /**
   * The usable file holding {@code artifact}.
   *
   * @throws AdminException 404 naming what the folder offers instead
   */
  public AvailableArtifact available(ArtifactId artifact) {
    return folder
        .find(artifact)
        .orElseThrow(() ->
            new AdminException(
                404,
                "Artifact not available",
                "No file in the artifacts folder "
                    + folder.dir()
                    + " holds "
                    + artifact
                    + "; available: "
                    + folder.list().stream()
                        .flatMap(a -> a.artifact().stream())
                        .map(Object::toString)
                        .toList()));
  }

  /**
   * Deploys the available {@code artifact} unless it is deployed already, then starts a service
   * named {@code name} from it with constructor {@code config}, waiting for both. Simple mode only:
   * in decentralized mode other validators must agree, which no single call can wait for.
   *
   * @throws AdminException 409 in decentralized mode or if the name is taken, 404 if the artifact
   *     is not available, 422 if the deployment or the start fails, 504 on {@code timeout}
   */
  public DeployAndStart deployAndStart(
      ArtifactId artifact, String name, byte[] config, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    SupervisorMode mode = read(s -> s.configuration().getMode());
    if (mode != SupervisorMode.SIMPLE) {
      throw new AdminException(
          409,
          "Not in simple mode",
          "deploy-and-start needs the supervisor's simple mode; in decentralized mode deploy with"
              + " deploy-artifact and start with propose-config, which other validators confirm");
    }
    try {
      InstanceSpec.validateName(name);
    } catch (IllegalArgumentException e) {
      throw new AdminException(400, "Invalid service name", String.valueOf(e.getMessage()));
    }
    if (state(s -> s.instance(InstanceQuery.name(name)).isPresent())) {
      throw new AdminException(
          409, "Service exists", "A service named '" + name + "' exists already");
    }
    Optional<Deployed> deployed =
        isActive(artifact) ? Optional.empty() : Optional.of(deploy(artifact, deadline));
    ConfigPropose propose =
        ConfigPropose.newBuilder()
            .setConfigurationNumber(read(SupervisorSchema::configurationNumber))
            .addChanges(
                ConfigChange.newBuilder()
                    .setStartService(
                        StartService.newBuilder()
                            .setArtifact(artifact.toProto())
                            .setName(name)
                            .setConfig(ByteString.copyFrom(config))))
            .build();
    Hash startTx = submit(Methods.PROPOSE_CONFIG_CHANGE, propose);
    Optional<ExecutionError> error =
        await(
            () ->
                node.blockchain()
                    .read(core ->
                        core.location(startTx)
                            .map(location ->
                                core.callErrors(location.blockHeight()).get(location.call()))),
            deadline,
            "the start of '" + name + "'");
    if (error.isPresent()) {
      throw new AdminException(
          422,
          "Start refused",
          "Starting '" + name + "' was refused: " + error.get().description());
    }
    InstanceSpec spec =
        await(
            () -> state(s -> s.instance(InstanceQuery.name(name))).map(i -> i.spec()),
            deadline,
            "the start of '" + name + "'");
    return new DeployAndStart(
        artifact, deployed.map(Deployed::request), deployed.map(Deployed::tx), startTx, spec);
  }

  /** A deployment this node requested and saw succeed. */
  record Deployed(DeployRequest request, Hash tx) {}

  /**
   * Requests the deployment of the available {@code artifact} and waits until it is active.
   *
   * @throws AdminException 404 if no file holds it, 422 if the deployment fails or times out on the
   *     chain, 504 if {@code timeout} passes first
   */
  public void deploy(ArtifactId artifact, Duration timeout) {
    deploy(artifact, System.nanoTime() + timeout.toNanos());
  }

  private Deployed deploy(ArtifactId artifact, long deadline) {
    DeployRequest request =
        complete(
            DeployRequest.newBuilder()
                .setArtifact(artifact.toProto())
                .setSeed(node.blockchain().height())
                .build());
    Hash tx = submit(Methods.REQUEST_ARTIFACT_DEPLOY, request);
    AsyncEventState state =
        await(
            () ->
                read(s -> s.deployState(request))
                    .filter(st -> st.getState() != AsyncEventState.Type.PENDING),
            deadline,
            "the deployment of " + artifact);
    if (state.getState() != AsyncEventState.Type.SUCCESS) {
      throw new AdminException(
          422,
          "Deployment failed",
          "Deploying "
              + artifact
              + " ended as "
              + state.getState().name().toLowerCase(java.util.Locale.ROOT)
              + (state.hasError()
                  ? ": " + ExecutionError.fromProto(state.getError().getError()).description()
                  : ""));
    }
    await(
        () -> Optional.of(true).filter(x -> isActive(artifact)),
        deadline,
        "the registration of " + artifact);
    return new Deployed(request, tx);
  }

  /** Whether {@code artifact} is registered (in any status). */
  public boolean isRegistered(ArtifactId artifact) {
    return state(s -> s.artifacts().containsKey(artifact));
  }

  /** Whether the supervisor runs in simple mode. */
  public boolean isSimpleMode() {
    return read(s -> s.configuration().getMode()) == SupervisorMode.SIMPLE;
  }

  /** Whether a service named {@code name} exists. */
  public boolean hasService(String name) {
    return state(s -> s.instance(InstanceQuery.name(name)).isPresent());
  }

  /** Reads the supervisor's committed data. */
  public <T> T read(Function<SupervisorSchema, T> reader) {
    return state(s ->
        reader.apply(
            Supervisor.schema(s)
                .orElseThrow(() ->
                    new AdminException(
                        404,
                        "No supervisor",
                        "This chain has no supervisor (its genesis was made without one); create"
                            + " a new data folder to get one"))));
  }

  /** Reads the latest committed state. */
  public <T> T state(Function<io.polyhost.api.runtime.BlockchainData, T> reader) {
    return node.blockchain().readState(reader);
  }

  /** The height of the latest committed block. */
  public long height() {
    return node.blockchain().height();
  }

  private static <T> T await(Supplier<Optional<T>> probe, long deadline, String what) {
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AdminException(
            504, "Timed out", "Gave up waiting for " + what + "; check its status later");
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AdminException(503, "Interrupted", "The node is stopping");
      }
    }
  }
}
