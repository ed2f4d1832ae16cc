package io.polyhost.host.dispatcher;

import com.google.protobuf.ByteString;
import io.polyhost.api.error.CommonError;
import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.proto.ArtifactStateProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.RuntimeFeature;
import java.util.Optional;

/**
 * The registry's state machine on one fork: artifact registration and unloading, and the instance
 * transitions T1–T4 of the lifecycle table (exonum-core.md §2). Each method checks every
 * precondition before it writes anything, and fails with the reference's error code and a message
 * that names the instance and both states.
 */
final class Lifecycle {
  private final DispatcherSchema schema;
  private final Runtimes runtimes;

  Lifecycle(DispatcherSchema schema, Runtimes runtimes) {
    this.schema = schema;
    this.runtimes = runtimes;
  }

  /** An artifact that every node must have deployed when the block commits. */
  void registerArtifact(ArtifactId artifact, byte[] deploySpec) {
    runtimes.get(artifact.runtimeId());
    if (schema.artifacts().containsKey(artifact)) {
      throw CoreError.ARTIFACT_ALREADY_DEPLOYED.exception(
          "Artifact " + artifact + " is already registered");
    }
    putArtifact(artifact, deploySpec, ArtifactStatus.DEPLOYING);
    schema.pendingArtifacts().add(artifact);
  }

  /** A builtin artifact of the genesis block: active at once. */
  void addActiveArtifact(ArtifactId artifact, byte[] deploySpec) {
    if (schema.artifacts().containsKey(artifact)) {
      throw CoreError.ARTIFACT_ALREADY_DEPLOYED.exception(
          "Artifact " + artifact + " appears twice in the genesis configuration");
    }
    putArtifact(artifact, deploySpec, ArtifactStatus.ACTIVE);
  }

  void checkUnloading(ArtifactId artifact) {
    requireActiveArtifact(artifact, "unload");
    for (InstanceState state : schema.allInstances()) {
      if (state.associatedArtifact().filter(artifact::equals).isPresent()) {
        throw CoreError.CANNOT_UNLOAD_ARTIFACT.exception(
            "Artifact "
                + artifact
                + " cannot be unloaded: service "
                + describe(state)
                + " runs it");
      }
      if (isMigrationTarget(state, artifact)) {
        throw CoreError.CANNOT_UNLOAD_ARTIFACT.exception(
            "Artifact "
                + artifact
                + " cannot be unloaded: service "
                + describe(state)
                + " is migrating to it");
      }
    }
  }

  void unloadArtifact(ArtifactId artifact) {
    checkUnloading(artifact);
    byte[] spec = schema.artifacts().get(artifact).orElseThrow().getDeploySpec().toByteArray();
    putArtifact(artifact, spec, ArtifactStatus.UNLOADING);
    schema.pendingArtifacts().add(artifact);
  }

  /** T1 preconditions: checked before the constructor runs (a fix of exonum-core.md §4.10). */
  void checkNewInstance(InstanceSpec spec) {
    runtimes.get(spec.artifact().runtimeId());
    requireActiveArtifact(spec.artifact(), "create service '" + spec.name() + "' from");
    if (schema.instances().containsKey(spec.name())) {
      throw CoreError.SERVICE_NAME_EXISTS.exception(
          "A service named '" + spec.name() + "' exists or existed; names are never reused");
    }
    Optional<String> holder = schema.instanceIds().get(spec.id());
    if (holder.isPresent()) {
      throw CoreError.SERVICE_ID_EXISTS.exception(
          "Instance id " + spec.id() + " belongs to service '" + holder.get() + "'");
    }
  }

  /** T1: records a new instance whose constructor succeeded; active from the next block. */
  void addInstance(InstanceSpec spec) {
    schema.putInstance(InstanceState.created(spec));
    schema.instanceIds().put(spec.id(), spec.name());
    schema.pendingInstances().put(spec.name(), MigrationStep.NONE.ordinal());
  }

  /** T2: an active or frozen service stops at the end of the block. */
  void stop(int instanceId) {
    InstanceState state = requireInstance(instanceId);
    InstanceStatus status = committedStatus(state);
    if (!status.canBeStopped()) {
      throw transition(state, status, "stopped", "only active or frozen services can be stopped");
    }
    requireNoPending(state);
    setPending(state, InstanceStatus.STOPPED, MigrationStep.NONE);
  }

  /** T3: an active service is frozen at the end of the block. */
  void freeze(int instanceId) {
    InstanceState state = requireInstance(instanceId);
    int runtimeId = state.spec().artifact().runtimeId();
    if (!runtimes.get(runtimeId).isSupported(RuntimeFeature.FREEZING_SERVICES)) {
      throw CommonError.FEATURE_NOT_SUPPORTED.exception(
          "Service "
              + describe(state)
              + " cannot be frozen: runtime "
              + runtimeId
              + " does not support freezing");
    }
    InstanceStatus status = committedStatus(state);
    if (!status.canBeFrozen()) {
      throw transition(state, status, "frozen", "only active or frozen services can be frozen");
    }
    requireNoPending(state);
    setPending(state, InstanceStatus.FROZEN, MigrationStep.NONE);
  }

  /** T4 preconditions; returns the instance to resume. */
  InstanceState checkResumable(int instanceId) {
    InstanceState state = requireInstance(instanceId);
    if (!state.effectiveDataVersion().equals(state.spec().artifact().version())) {
      throw CoreError.CANNOT_RESUME_SERVICE.exception(
          "Service "
              + describe(state)
              + " cannot be resumed: its data has version "
              + state.effectiveDataVersion()
              + " but its artifact is "
              + state.spec().artifact()
              + "; migrate or fast-forward it to an artifact of that version first");
    }
    InstanceStatus status = committedStatus(state);
    if (!status.canBeResumed()) {
      throw transition(state, status, "resumed", "only stopped or frozen services can be resumed");
    }
    requireNoPending(state);
    return state;
  }

  /** T4: after the resume hook succeeded, the service is active from the next block. */
  void resume(InstanceState state) {
    setPending(state, InstanceStatus.ACTIVE, MigrationStep.NONE);
  }

  InstanceState requireInstance(int instanceId) {
    return schema
        .instance(instanceId)
        .orElseThrow(() ->
            CoreError.INCORRECT_INSTANCE_ID.exception(
                "No service with id " + Integer.toUnsignedString(instanceId)));
  }

  InstanceState requireInstance(String name) {
    return schema
        .instance(name)
        .orElseThrow(
            () -> CoreError.INCORRECT_INSTANCE_ID.exception("No service named '" + name + "'"));
  }

  /**
   * The committed status of an instance.
   *
   * @throws ExecutionException {@link CoreError#SERVICE_PENDING} if it was created in this block
   */
  InstanceStatus committedStatus(InstanceState state) {
    return state
        .status()
        .orElseThrow(() ->
            CoreError.SERVICE_PENDING.exception(
                "Service " + describe(state) + " is created in this block; one change per block"));
  }

  /**
   * Checks that the instance did not change in this block already.
   *
   * @throws ExecutionException {@link CoreError#SERVICE_PENDING} otherwise
   */
  void requireNoPending(InstanceState state) {
    if (state.pendingStatus().isPresent()) {
      throw CoreError.SERVICE_PENDING.exception(
          "Service "
              + describe(state)
              + " already changes to "
              + state.pendingStatus().get().label()
              + " in this block; one change per block");
    }
  }

  void setPending(InstanceState state, InstanceStatus pending, MigrationStep step) {
    schema.putInstance(state.withPending(pending));
    schema.pendingInstances().put(state.spec().name(), step.ordinal());
  }

  ArtifactStatus requireActiveArtifact(ArtifactId artifact, String action) {
    ArtifactStatus status =
        schema
            .artifactStatus(artifact)
            .orElseThrow(() ->
                CoreError.ARTIFACT_NOT_DEPLOYED.exception(
                    "Cannot " + action + " artifact " + artifact + ": it is not deployed"));
    if (status != ArtifactStatus.ACTIVE) {
      throw CoreError.ARTIFACT_NOT_DEPLOYED.exception(
          "Cannot "
              + action
              + " artifact "
              + artifact
              + ": it is "
              + status.name().toLowerCase(java.util.Locale.ROOT)
              + ", not active");
    }
    return status;
  }

  static String describe(InstanceState state) {
    return "'" + state.spec().name() + "' (#" + Integer.toUnsignedString(state.spec().id()) + ")";
  }

  private static boolean isMigrationTarget(InstanceState state, ArtifactId artifact) {
    return state.status().filter(s -> targets(s, artifact)).isPresent()
        || state.pendingStatus().filter(s -> targets(s, artifact)).isPresent();
  }

  private static boolean targets(InstanceStatus status, ArtifactId artifact) {
    return status instanceof InstanceStatus.Migrating m && m.target().equals(artifact);
  }

  static ExecutionException transition(
      InstanceState state, InstanceStatus from, String to, String rule) {
    return CoreError.INVALID_SERVICE_TRANSITION.exception(
        "Service "
            + describe(state)
            + " is "
            + from.label()
            + " and cannot be "
            + to
            + ": "
            + rule);
  }

  private void putArtifact(ArtifactId artifact, byte[] deploySpec, ArtifactStatus status) {
    schema
        .artifacts()
        .put(
            artifact,
            ArtifactStateProto.newBuilder()
                .setDeploySpec(ByteString.copyFrom(deploySpec))
                .setStatus(status.toProto())
                .build());
  }
}
