package io.polyhost.host.dispatcher;

import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.storage.StorageAccess;
import java.util.OptionalLong;

/**
 * The few core records the dispatcher shows to services (height and consensus configuration) and
 * lets the supervisor change. The blockchain implements it over its core schema; keeping it an
 * interface keeps the dispatcher from depending on the blockchain.
 */
public interface CoreRecords {
  /** The height of the latest committed block in {@code access}; empty before the genesis block. */
  OptionalLong height(StorageAccess access);

  /** The consensus configuration in {@code access}. */
  ConsensusConfigProto consensusConfig(StorageAccess access);

  /** Replaces the consensus configuration in the writable {@code fork}. */
  void setConsensusConfig(StorageAccess fork, ConsensusConfigProto config);
}
