package io.polyhost.host.supervisor;

import com.google.protobuf.ByteString;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.supervisor.proto.ConfigChange;
import io.polyhost.supervisor.proto.ConfigPropose;
import io.polyhost.supervisor.proto.DeployRequest;
import io.polyhost.supervisor.proto.FreezeService;
import io.polyhost.supervisor.proto.MigrationRequest;
import io.polyhost.supervisor.proto.ResumeService;
import io.polyhost.supervisor.proto.ServiceConfig;
import io.polyhost.supervisor.proto.StartService;
import io.polyhost.supervisor.proto.StopService;
import io.polyhost.supervisor.proto.UnloadArtifact;
import java.nio.charset.StandardCharsets;

/** Builders for supervisor requests and proposal changes, to keep scenarios short. */
final class Proposals {
  private Proposals() {}

  static DeployRequest deploy(ArtifactId artifact, long deadline) {
    return DeployRequest.newBuilder()
        .setArtifact(artifact.toProto())
        .setDeadlineHeight(deadline)
        .build();
  }

  static MigrationRequest migrate(ArtifactId to, String service, long deadline) {
    return MigrationRequest.newBuilder()
        .setNewArtifact(to.toProto())
        .setService(service)
        .setDeadlineHeight(deadline)
        .build();
  }

  static ConfigPropose propose(long actualFrom, long configurationNumber, ConfigChange... changes) {
    ConfigPropose.Builder propose =
        ConfigPropose.newBuilder()
            .setActualFrom(actualFrom)
            .setConfigurationNumber(configurationNumber);
    for (ConfigChange change : changes) {
      propose.addChanges(change);
    }
    return propose.build();
  }

  static ConfigChange start(ArtifactId artifact, String name, String config) {
    return ConfigChange.newBuilder()
        .setStartService(
            StartService.newBuilder()
                .setArtifact(artifact.toProto())
                .setName(name)
                .setConfig(utf8(config)))
        .build();
  }

  static ConfigChange stop(int id) {
    return ConfigChange.newBuilder()
        .setStopService(StopService.newBuilder().setInstanceId(id))
        .build();
  }

  static ConfigChange freeze(int id) {
    return ConfigChange.newBuilder()
        .setFreezeService(FreezeService.newBuilder().setInstanceId(id))
        .build();
  }

  static ConfigChange resume(int id, String params) {
    return ConfigChange.newBuilder()
        .setResumeService(ResumeService.newBuilder().setInstanceId(id).setParams(utf8(params)))
        .build();
  }

  static ConfigChange serviceConfig(int id, String params) {
    return ConfigChange.newBuilder()
        .setService(ServiceConfig.newBuilder().setInstanceId(id).setParams(utf8(params)))
        .build();
  }

  static ConfigChange serviceConfig(int id, byte[] params) {
    return ConfigChange.newBuilder()
        .setService(
            ServiceConfig.newBuilder().setInstanceId(id).setParams(ByteString.copyFrom(params)))
        .build();
  }

  static ConfigChange unload(ArtifactId artifact) {
    return ConfigChange.newBuilder()
        .setUnloadArtifact(UnloadArtifact.newBuilder().setArtifactId(artifact.toProto()))
        .build();
  }

  /**
   * {@code message} with an unknown field added: the same request to the supervisor, but another
   * transaction (a validator cannot otherwise send the same request twice).
   */
  @SuppressWarnings("unchecked")
  static <M extends com.google.protobuf.Message> M withUnknownField(M message) {
    return (M)
        message.toBuilder()
            .setUnknownFields(
                com.google.protobuf.UnknownFieldSet.newBuilder()
                    .addField(
                        99,
                        com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(1).build())
                    .build())
            .build();
  }

  static ByteString utf8(String text) {
    return ByteString.copyFrom(text, StandardCharsets.UTF_8);
  }
}
