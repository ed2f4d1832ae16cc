package io.polyhost.runtime.js;

import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.runtime.AfterCommitContext;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactReq;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.Broadcaster;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.Mailbox;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.storage.StorageAccess;
import io.polyhost.storage.index.IndexViews;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only state for status updates and after-commit hooks: only service data is served, which is
 * all the JavaScript runtime reads.
 */
record TestData(StorageAccess state, Map<String, InstanceSpec> services, long height)
    implements BlockchainData, AfterCommitContext {

  @Override
  public long height() {
    return height;
  }

  @Override
  public ConsensusConfigProto consensusConfig() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Map<ArtifactId, ArtifactStatus> artifacts() {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<InstanceState> instances() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<InstanceState> instance(InstanceQuery query) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<IndexAccess> forService(InstanceQuery query) {
    return services.values().stream()
        .filter(s ->
            query.equals(InstanceQuery.id(s.id())) || query.equals(InstanceQuery.name(s.name())))
        .findFirst()
        .map(s -> IndexViews.over(state.readOnly().prefixed(s.name())));
  }

  @Override
  public IndexAccess forService(InstanceQuery query, ArtifactReq required) {
    throw new UnsupportedOperationException();
  }

  @Override
  public BlockchainData data() {
    return this;
  }

  @Override
  public Mailbox mailbox() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<Broadcaster> broadcaster() {
    return Optional.empty();
  }

  @Override
  public Optional<Integer> validatorId() {
    return Optional.empty();
  }

  @Override
  public Optional<io.polyhost.api.proto.MigrationStatusProto> localMigrationResult(String service) {
    return Optional.empty();
  }
}
