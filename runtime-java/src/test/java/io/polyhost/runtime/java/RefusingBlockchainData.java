package io.polyhost.runtime.java;

import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactReq;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.storage.IndexAccess;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A state view for calls where the runtime must not read the state: every read fails the test. */
final class RefusingBlockchainData implements BlockchainData {
  private static UnsupportedOperationException refused() {
    return new UnsupportedOperationException("The Java runtime read the state it was not to read");
  }

  @Override
  public long height() {
    throw refused();
  }

  @Override
  public ConsensusConfigProto consensusConfig() {
    throw refused();
  }

  @Override
  public Map<ArtifactId, ArtifactStatus> artifacts() {
    throw refused();
  }

  @Override
  public List<InstanceState> instances() {
    throw refused();
  }

  @Override
  public Optional<InstanceState> instance(InstanceQuery query) {
    throw refused();
  }

  @Override
  public Optional<IndexAccess> forService(InstanceQuery query) {
    throw refused();
  }

  @Override
  public IndexAccess forService(InstanceQuery query, ArtifactReq required) {
    throw refused();
  }
}
