package io.polyhost.host.dispatcher;

import io.polyhost.api.proto.ArtifactStateProto;
import io.polyhost.api.proto.InstanceStateProto;
import io.polyhost.api.proto.MigrationStatusProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.KeySetIndex;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.StorageAccess;
import io.polyhost.storage.index.IndexViews;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dispatcher's persisted registry, under Exonum's index names. The artifact and instance
 * registries are Merkelized (they are part of the state hash); the rest is bookkeeping between a
 * block's execution and its commit, or node-local.
 */
final class DispatcherSchema {
  static final String ARTIFACTS = "dispatcher_artifacts";
  static final String INSTANCES = "dispatcher_instances";
  static final String INSTANCE_IDS = "dispatcher_instance_ids";
  static final String PENDING_ARTIFACTS = "dispatcher_pending_artifacts";
  static final String PENDING_INSTANCES = "dispatcher_pending_instances";
  static final String LOCAL_MIGRATION_RESULTS = "dispatcher_local_migration_results";

  /** Artifact ids as their text form {@code runtime:name:version}: stable and readable. */
  static final Serializer<ArtifactId> ARTIFACT_KEYS =
      new Serializer<>() {
        @Override
        public byte[] encode(ArtifactId value) {
          return value.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public ArtifactId decode(byte[] bytes) {
          return ArtifactId.parse(new String(bytes, StandardCharsets.UTF_8));
        }
      };

  private final IndexAccess access;

  DispatcherSchema(StorageAccess access) {
    this.access = IndexViews.over(access);
  }

  ProofMapIndex<ArtifactId, ArtifactStateProto> artifacts() {
    return access.proofMap(
        ARTIFACTS, ARTIFACT_KEYS, Serializers.protobuf(ArtifactStateProto.parser()));
  }

  ProofMapIndex<String, InstanceStateProto> instances() {
    return access.proofMap(
        INSTANCES, Serializers.string(), Serializers.protobuf(InstanceStateProto.parser()));
  }

  MapIndex<Integer, String> instanceIds() {
    return access.map(INSTANCE_IDS, Serializers.int32(), Serializers.string());
  }

  KeySetIndex<ArtifactId> pendingArtifacts() {
    return access.keySet(PENDING_ARTIFACTS, ARTIFACT_KEYS);
  }

  /** Instances changed in the current block, with the migration step the change made. */
  MapIndex<String, Integer> pendingInstances() {
    return access.map(PENDING_INSTANCES, Serializers.string(), Serializers.int32());
  }

  MapIndex<String, MigrationStatusProto> localMigrationResults() {
    return access.map(
        LOCAL_MIGRATION_RESULTS,
        Serializers.string(),
        Serializers.protobuf(MigrationStatusProto.parser()));
  }

  Optional<ArtifactStatus> artifactStatus(ArtifactId artifact) {
    return artifacts().get(artifact).map(s -> ArtifactStatus.fromProto(s.getStatus()));
  }

  Optional<InstanceState> instance(String name) {
    return instances().get(name).map(InstanceState::fromProto);
  }

  Optional<InstanceState> instance(int id) {
    return instanceIds().get(id).flatMap(this::instance);
  }

  Optional<InstanceState> instance(InstanceQuery query) {
    return switch (query) {
      case InstanceQuery.ById byId -> instance(byId.id());
      case InstanceQuery.ByName byName -> instance(byName.name());
    };
  }

  void putInstance(InstanceState state) {
    instances().put(state.spec().name(), state.toProto());
  }

  /** Every instance, in id order. */
  List<InstanceState> allInstances() {
    List<InstanceState> all = new ArrayList<>();
    instanceIds().values().forEachRemaining(name -> instance(name).ifPresent(all::add));
    return all;
  }
}
