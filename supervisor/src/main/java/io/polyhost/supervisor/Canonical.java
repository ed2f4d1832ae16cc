package io.polyhost.supervisor;

import io.polyhost.api.proto.ArtifactIdProto;
import io.polyhost.supervisor.proto.DeployRequest;
import io.polyhost.supervisor.proto.MigrationRequest;

/**
 * Requests rebuilt from their known fields only. Requests are keys of the supervisor's maps, so two
 * that mean the same must encode the same: a request carrying unknown fields (from a newer client)
 * would otherwise be a different key from the one every other validator sent.
 */
final class Canonical {
  private Canonical() {}

  static DeployRequest deploy(DeployRequest request) {
    return DeployRequest.newBuilder()
        .setArtifact(artifact(request.getArtifact()))
        .setSpec(request.getSpec())
        .setDeadlineHeight(request.getDeadlineHeight())
        .setSeed(request.getSeed())
        .build();
  }

  static MigrationRequest migration(MigrationRequest request) {
    return MigrationRequest.newBuilder()
        .setNewArtifact(artifact(request.getNewArtifact()))
        .setService(request.getService())
        .setDeadlineHeight(request.getDeadlineHeight())
        .setSeed(request.getSeed())
        .build();
  }

  static ArtifactIdProto artifact(ArtifactIdProto artifact) {
    return ArtifactIdProto.newBuilder()
        .setRuntimeId(artifact.getRuntimeId())
        .setName(artifact.getName())
        .setVersion(artifact.getVersion())
        .build();
  }
}
