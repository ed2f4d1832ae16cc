package io.polyhost.runtime.java;

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
import org.jspecify.annotations.Nullable;

/**
 * The context the dispatcher would hand the runtime (the dispatcher itself lives in {@code host},
 * which depends on this module): the service's data is a real RocksDB fork under the instance's
 * name; the parts these tests do not exercise (the whole-state view, child calls) refuse.
 */
record FakeContext(
    Fork fork, InstanceSpec instance, Caller caller, String interfaceName, @Nullable LoaderSpy spy)
    implements ExecutionContext {

  static FakeContext of(Fork fork, InstanceSpec instance) {
    return new FakeContext(fork, instance, Caller.Blockchain.INSTANCE, "", null);
  }

  FakeContext as(Caller caller) {
    return new FakeContext(fork, instance, caller, interfaceName, spy);
  }

  FakeContext in(String interfaceName) {
    return new FakeContext(fork, instance, caller, interfaceName, spy);
  }

  /** This context, noting the context class loader in {@code spy} whenever the data is opened. */
  FakeContext spiedBy(LoaderSpy spy) {
    return new FakeContext(fork, instance, caller, interfaceName, spy);
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
  public IndexAccess serviceData() {
    if (spy != null) {
      spy.saw(Thread.currentThread().getContextClassLoader());
    }
    return IndexViews.over(fork.prefixed(instance.name()));
  }

  @Override
  public BlockchainData data() {
    throw new UnsupportedOperationException("Not needed by the Java runtime's tests");
  }

  @Override
  public void call(ChildCall call) {
    throw new UnsupportedOperationException("Not needed by the Java runtime's tests");
  }

  @Override
  public Optional<SupervisorExtensions> supervisorExtensions() {
    return Optional.empty();
  }
}
