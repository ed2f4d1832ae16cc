package io.polyhost.api.runtime;

import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.proto.InstanceStateProto;
import io.polyhost.api.proto.InstanceStatusProto;
import java.util.Objects;
import java.util.Optional;

/**
 * A service instance as the dispatcher's registry holds it.
 *
 * @param spec id, name and current artifact
 * @param status the committed status; empty only inside the block that creates the instance
 * @param pendingStatus the status a transition of the current block set; it becomes {@code status}
 *     at the end of the block. At most one transition per block.
 * @param dataVersion the version of the instance's data when a migration changed it to something
 *     other than {@code spec.artifact().version()}; empty means the data matches the artifact
 */
public record InstanceState(
    InstanceSpec spec,
    Optional<InstanceStatus> status,
    Optional<InstanceStatus> pendingStatus,
    Optional<Version> dataVersion) {

  /** Checks the parts. */
  public InstanceState {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(pendingStatus, "pendingStatus");
    Objects.requireNonNull(dataVersion, "dataVersion");
  }

  /** A new instance inside its creation block: no status yet, pending {@code active}. */
  public static InstanceState created(InstanceSpec spec) {
    return new InstanceState(
        spec, Optional.empty(), Optional.of(InstanceStatus.ACTIVE), Optional.empty());
  }

  /** The version the instance's data has. */
  public Version effectiveDataVersion() {
    return dataVersion.orElse(spec.artifact().version());
  }

  /**
   * The artifact whose code can run this instance's data: the spec's artifact unless a migration
   * moved the data to a version of its own.
   */
  public Optional<ArtifactId> associatedArtifact() {
    return dataVersion.isEmpty() ? Optional.of(spec.artifact()) : Optional.empty();
  }

  /** Whether the current or pending status lets other services read the data. */
  public boolean isReadable() {
    return pendingStatus.or(() -> status).map(InstanceStatus::providesReadAccess).orElse(false);
  }

  /** Whether the committed status is {@code active}. */
  public boolean isActive() {
    return status.filter(s -> s instanceof InstanceStatus.Active).isPresent();
  }

  /** The same instance with {@code pending} as its pending status. */
  public InstanceState withPending(InstanceStatus pending) {
    return new InstanceState(spec, status, Optional.of(pending), dataVersion);
  }

  /** The protobuf form. */
  public InstanceStateProto toProto() {
    var builder = InstanceStateProto.newBuilder().setSpec(spec.toProto());
    status.ifPresent(s -> builder.setStatus(s.toProto()));
    pendingStatus.ifPresent(s -> builder.setPendingStatus(s.toProto()));
    dataVersion.ifPresent(v -> builder.setDataVersion(v.toString()));
    return builder.build();
  }

  /**
   * Reads the protobuf form.
   *
   * @throws IllegalArgumentException if a part is malformed
   */
  public static InstanceState fromProto(InstanceStateProto proto) {
    return new InstanceState(
        InstanceSpec.fromProto(proto.getSpec()),
        statusOf(proto.hasStatus(), proto.getStatus()),
        statusOf(proto.hasPendingStatus(), proto.getPendingStatus()),
        proto.getDataVersion().isEmpty()
            ? Optional.empty()
            : Optional.of(Version.parse(proto.getDataVersion())));
  }

  /**
   * Reads the serialized protobuf form.
   *
   * @throws IllegalArgumentException if the bytes are not a well-formed instance state
   */
  public static InstanceState parse(byte[] bytes) {
    try {
      return fromProto(InstanceStateProto.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("Not an InstanceStateProto: " + e.getMessage(), e);
    }
  }

  private static Optional<InstanceStatus> statusOf(boolean present, InstanceStatusProto proto) {
    return present ? InstanceStatus.fromProto(proto) : Optional.empty();
  }
}
