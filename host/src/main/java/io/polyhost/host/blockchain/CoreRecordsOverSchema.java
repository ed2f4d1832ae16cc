package io.polyhost.host.blockchain;

import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.host.dispatcher.CoreRecords;
import io.polyhost.storage.StorageAccess;
import java.util.OptionalLong;

/** The dispatcher's view of the core records, over {@link CoreSchema}. */
final class CoreRecordsOverSchema implements CoreRecords {
  @Override
  public OptionalLong height(StorageAccess access) {
    // One read of the block list's length: asked after every commit.
    long blocks = CoreSchema.over(access).nextHeight();
    return blocks == 0 ? OptionalLong.empty() : OptionalLong.of(blocks - 1);
  }

  @Override
  public ConsensusConfigProto consensusConfig(StorageAccess access) {
    return CoreSchema.over(access)
        .consensusConfig()
        .orElseThrow(() -> new IllegalStateException("There is no consensus configuration yet"));
  }

  @Override
  public void setConsensusConfig(StorageAccess fork, ConsensusConfigProto config) {
    CoreSchema.over(fork).setConsensusConfig(config);
  }
}
