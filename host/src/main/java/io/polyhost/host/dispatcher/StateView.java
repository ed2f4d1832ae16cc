package io.polyhost.host.dispatcher;

import io.polyhost.api.error.CoreError;
import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactReq;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.storage.StorageAccess;
import io.polyhost.storage.index.IndexViews;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link BlockchainData} over a fork, patch or snapshot; every index it opens is read-only. */
final class StateView implements BlockchainData {
  private final StorageAccess access;
  private final DispatcherSchema schema;
  private final CoreRecords core;

  StateView(StorageAccess access, CoreRecords core) {
    this.access = access.readOnly();
    this.schema = new DispatcherSchema(this.access);
    this.core = core;
  }

  @Override
  public long height() {
    return core.height(access)
        .orElseThrow(() -> new IllegalStateException("There is no genesis block yet"));
  }

  @Override
  public ConsensusConfigProto consensusConfig() {
    return core.consensusConfig(access);
  }

  @Override
  public Map<ArtifactId, ArtifactStatus> artifacts() {
    Map<ArtifactId, ArtifactStatus> all = new LinkedHashMap<>();
    schema
        .artifacts()
        .entries()
        .forEachRemaining(
            e -> all.put(e.getKey(), ArtifactStatus.fromProto(e.getValue().getStatus())));
    return all;
  }

  @Override
  public List<InstanceState> instances() {
    return schema.allInstances();
  }

  @Override
  public Optional<InstanceState> instance(InstanceQuery query) {
    return schema.instance(query);
  }

  @Override
  public Optional<IndexAccess> forService(InstanceQuery query) {
    return instance(query).filter(InstanceState::isReadable).map(this::dataOf);
  }

  @Override
  public IndexAccess forService(InstanceQuery query, ArtifactReq required) {
    InstanceState state =
        instance(query)
            .orElseThrow(() -> CoreError.INCORRECT_INSTANCE_ID.exception("No service " + query));
    if (!state.isReadable()) {
      throw CoreError.INCORRECT_INSTANCE_ID.exception(
          "Service " + Lifecycle.describe(state) + " is stopped; its data cannot be read");
    }
    if (!required.matches(state.spec().artifact())) {
      throw CoreError.INCORRECT_INSTANCE_ID.exception(
          "Service "
              + Lifecycle.describe(state)
              + " runs "
              + state.spec().artifact()
              + ", which does not satisfy "
              + required);
    }
    return dataOf(state);
  }

  private IndexAccess dataOf(InstanceState state) {
    return IndexViews.over(access.prefixed(state.spec().name()));
  }
}
