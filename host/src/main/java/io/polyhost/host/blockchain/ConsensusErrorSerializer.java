package io.polyhost.host.blockchain;

import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.storage.Serializer;

/**
 * Stores the consensus part of an error (kind, code, runtime id, call site): the bytes whose hash
 * is {@link ExecutionError#consensusHash()}. Description and backtrace are left out, so nodes whose
 * descriptions differ still agree on the block's error hash.
 */
enum ConsensusErrorSerializer implements Serializer<ExecutionError> {
  INSTANCE;

  @Override
  public byte[] encode(ExecutionError error) {
    return error.toProto().toBuilder().clearDescription().clearBacktrace().build().toByteArray();
  }

  @Override
  public ExecutionError decode(byte[] bytes) {
    return ExecutionError.parse(bytes);
  }
}
