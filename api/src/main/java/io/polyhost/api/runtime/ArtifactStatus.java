package io.polyhost.api.runtime;

import io.polyhost.api.proto.ArtifactStateProto;

/** Where a registered artifact is in its lifecycle. */
public enum ArtifactStatus {
  /** Being unloaded: removed from the registry when the block that unloads it commits. */
  UNLOADING,
  /**
   * Being registered: every node must have deployed it when the block commits, and it is active
   * from then on.
   */
  DEPLOYING,
  /** Deployed on every node: services can be created from it and migrate to it. */
  ACTIVE;

  /** The protobuf form. */
  public ArtifactStateProto.Status toProto() {
    return switch (this) {
      case UNLOADING -> ArtifactStateProto.Status.UNLOADING;
      case DEPLOYING -> ArtifactStateProto.Status.DEPLOYING;
      case ACTIVE -> ArtifactStateProto.Status.ACTIVE;
    };
  }

  /**
   * Reads the protobuf form.
   *
   * @throws IllegalArgumentException for a status this version does not know
   */
  public static ArtifactStatus fromProto(ArtifactStateProto.Status proto) {
    return switch (proto) {
      case UNLOADING -> UNLOADING;
      case DEPLOYING -> DEPLOYING;
      case ACTIVE -> ACTIVE;
      case UNRECOGNIZED -> throw new IllegalArgumentException("Unknown artifact status");
    };
  }
}
