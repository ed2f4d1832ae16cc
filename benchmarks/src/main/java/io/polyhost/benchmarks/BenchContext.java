package io.polyhost.benchmarks;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.ChildCall;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.SupervisorExtensions;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.storage.Fork;
import io.polyhost.storage.index.IndexViews;
import java.time.Instant;
import java.util.Optional;

/**
 * The context a runtime gets for a transaction, without the dispatcher: the instance's data on a
 * RocksDB fork. For benchmarks of one runtime's cost per call.
 */
record BenchContext(Fork fork, InstanceSpec instance) implements ExecutionContext {
  @Override
  public Caller caller() {
    return Caller.Blockchain.INSTANCE;
  }

  @Override
  public Optional<Hash> transactionHash() {
    return Optional.empty();
  }

  @Override
  public long height() {
    return 1;
  }

  @Override
  public Instant blockTime() {
    return Instant.EPOCH;
  }

  @Override
  public boolean inGenesisBlock() {
    return false;
  }

  @Override
  public String interfaceName() {
    return "";
  }

  @Override
  public IndexAccess serviceData() {
    return IndexViews.over(fork.prefixed(instance.name()));
  }

  @Override
  public BlockchainData data() {
    throw new UnsupportedOperationException("Not needed by the runtime benchmarks");
  }

  @Override
  public void call(ChildCall call) {
    throw new UnsupportedOperationException("Not needed by the runtime benchmarks");
  }

  @Override
  public Optional<SupervisorExtensions> supervisorExtensions() {
    return Optional.empty();
  }
}
