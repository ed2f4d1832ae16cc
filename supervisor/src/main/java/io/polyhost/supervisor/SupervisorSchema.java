package io.polyhost.supervisor;

import io.polyhost.api.proto.ArtifactIdProto;
import io.polyhost.api.proto.HashProto;
import io.polyhost.api.storage.Entry;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.ProofEntry;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializers;
import io.polyhost.api.storage.ValueSetIndex;
import io.polyhost.supervisor.proto.AsyncEventState;
import io.polyhost.supervisor.proto.ConfigProposalWithHash;
import io.polyhost.supervisor.proto.DeployRequest;
import io.polyhost.supervisor.proto.MigrationRequest;
import io.polyhost.supervisor.proto.MigrationState;
import io.polyhost.supervisor.proto.SupervisorConfig;
import io.polyhost.supervisor.proto.Voters;
import java.util.Optional;

/**
 * The supervisor's data, in its own namespace. Readers (the node's REST endpoints, tests) use the
 * public methods on a read-only view; only the supervisor's own code changes it.
 *
 * <p>The indexes and their roles follow the reference: {@code configuration}, {@code
 * pending_proposal}, {@code configuration_number}, {@code vacant_instance_id}, votes ({@code
 * deploy_requests}, {@code deploy_confirmations}, {@code config_confirms}, {@code
 * migration_requests}, {@code migration_confirmations}), states ({@code deploy_states}, {@code
 * migration_states}) and the work lists ({@code pending_deployments}, {@code pending_migrations},
 * {@code migrations_to_flush}).
 */
public final class SupervisorSchema {
  private final IndexAccess access;

  /** The schema over the supervisor's namespace {@code access} (read-only or writable). */
  public SupervisorSchema(IndexAccess access) {
    this.access = access;
  }

  /** The supervisor's configuration (its mode). */
  public SupervisorConfig configuration() {
    return configurationEntry().get().orElse(SupervisorConfig.getDefaultInstance());
  }

  /** The pending configuration proposal with its hash, if there is one. */
  public Optional<ConfigProposalWithHash> pendingProposal() {
    return pendingProposalEntry().get();
  }

  /** The number the next configuration proposal must carry. */
  public long configurationNumber() {
    return configurationNumberEntry().get().orElse(0L);
  }

  /** The state of the deployment {@code request}, if it was ever approved. */
  public Optional<AsyncEventState> deployState(DeployRequest request) {
    return deployStates().get(Canonical.deploy(request));
  }

  /** The state of the migration {@code request}, if it was ever approved. */
  public Optional<MigrationState> migrationState(MigrationRequest request) {
    return migrationStates().get(Canonical.migration(request));
  }

  ProofEntry<SupervisorConfig> configurationEntry() {
    return access.proofEntry("configuration", Serializers.protobuf(SupervisorConfig.parser()));
  }

  ProofEntry<ConfigProposalWithHash> pendingProposalEntry() {
    return access.proofEntry(
        "pending_proposal", Serializers.protobuf(ConfigProposalWithHash.parser()));
  }

  Entry<Long> configurationNumberEntry() {
    return access.entry("configuration_number", Serializers.int64());
  }

  Entry<Integer> vacantInstanceId() {
    return access.entry("vacant_instance_id", Serializers.int32());
  }

  Multisig<DeployRequest> deployRequests() {
    return new Multisig<>(votes("deploy_requests", DeployRequest.parser()));
  }

  Multisig<DeployRequest> deployConfirmations() {
    return new Multisig<>(votes("deploy_confirmations", DeployRequest.parser()));
  }

  ProofMapIndex<DeployRequest, AsyncEventState> deployStates() {
    return access.proofMap(
        "deploy_states",
        Serializers.protobuf(DeployRequest.parser()),
        Serializers.protobuf(AsyncEventState.parser()));
  }

  ProofMapIndex<ArtifactIdProto, DeployRequest> pendingDeployments() {
    return access.proofMap(
        "pending_deployments",
        Serializers.protobuf(ArtifactIdProto.parser()),
        Serializers.protobuf(DeployRequest.parser()));
  }

  Multisig<HashProto> configConfirms() {
    return new Multisig<>(votes("config_confirms", HashProto.parser()));
  }

  Multisig<MigrationRequest> migrationRequests() {
    return new Multisig<>(votes("migration_requests", MigrationRequest.parser()));
  }

  Multisig<MigrationRequest> migrationConfirmations() {
    return new Multisig<>(votes("migration_confirmations", MigrationRequest.parser()));
  }

  ProofMapIndex<MigrationRequest, MigrationState> migrationStates() {
    return access.proofMap(
        "migration_states",
        Serializers.protobuf(MigrationRequest.parser()),
        Serializers.protobuf(MigrationState.parser()));
  }

  ValueSetIndex<MigrationRequest> pendingMigrations() {
    return access.valueSet("pending_migrations", Serializers.protobuf(MigrationRequest.parser()));
  }

  ValueSetIndex<MigrationRequest> migrationsToFlush() {
    return access.valueSet("migrations_to_flush", Serializers.protobuf(MigrationRequest.parser()));
  }

  private <K extends com.google.protobuf.MessageLite> ProofMapIndex<K, Voters> votes(
      String name, com.google.protobuf.Parser<K> keys) {
    return access.proofMap(name, Serializers.protobuf(keys), Serializers.protobuf(Voters.parser()));
  }
}
