package io.polyhost.runtime.js;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.ChildCall;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.SupervisorExtensions;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.storage.Fork;
import io.polyhost.storage.index.IndexViews;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An execution context over a real RocksDB fork, standing in for the dispatcher (which lives in
 * {@code host}, a module that depends on this one). Child calls go straight to the runtime; a
 * failed child poisons the context as the dispatcher does.
 */
final class TestContext implements ExecutionContext {
  private final JsRuntime runtime;
  private final Fork fork;
  private final InstanceSpec instance;
  private final Caller caller;
  private final @Nullable Hash txHash;
  private final long height;
  private final Instant blockTime;
  private final Map<String, InstanceSpec> services;
  private final String interfaceName;
  private final boolean[] poisoned;

  TestContext(
      JsRuntime runtime,
      Fork fork,
      InstanceSpec instance,
      Caller caller,
      @Nullable Hash txHash,
      long height,
      Instant blockTime,
      Map<String, InstanceSpec> services,
      String interfaceName,
      boolean[] poisoned) {
    this.runtime = runtime;
    this.fork = fork;
    this.instance = instance;
    this.caller = caller;
    this.txHash = txHash;
    this.height = height;
    this.blockTime = blockTime;
    this.services = services;
    this.interfaceName = interfaceName;
    this.poisoned = poisoned;
  }

  @Override
  public InstanceSpec instance() {
    return instance;
  }

  @Override
  public Caller caller() {
    return caller;
  }

  @Override
  public Optional<Hash> transactionHash() {
    return Optional.ofNullable(txHash);
  }

  @Override
  public long height() {
    return height;
  }

  @Override
  public Instant blockTime() {
    return blockTime;
  }

  @Override
  public boolean inGenesisBlock() {
    return height == 0;
  }

  @Override
  public String interfaceName() {
    return interfaceName;
  }

  @Override
  public IndexAccess serviceData() {
    if (poisoned[0]) {
      throw CoreError.INCORRECT_CALL.exception("A child call of this call failed");
    }
    return IndexViews.over(fork.prefixed(instance.name()));
  }

  @Override
  public BlockchainData data() {
    throw new UnsupportedOperationException("not needed by the JavaScript runtime's tests");
  }

  @Override
  public void call(ChildCall call) {
    InstanceSpec target =
        switch (call.target()) {
          case InstanceQuery.ByName n -> services.get(n.name());
          case InstanceQuery.ById i ->
              services.values().stream().filter(s -> s.id() == i.id()).findFirst().orElse(null);
        };
    if (target == null) {
      throw CoreError.INCORRECT_INSTANCE_ID.exception("No service " + call.target());
    }
    Caller as = call.fallthroughAuth() ? caller : new Caller.Service(instance.id());
    TestContext child =
        new TestContext(
            runtime,
            fork,
            target,
            as,
            txHash,
            height,
            blockTime,
            services,
            call.interfaceName(),
            poisoned);
    try {
      runtime.execute(child, call.methodId(), call.arguments());
    } catch (ExecutionException e) {
      poisoned[0] = true;
      throw e;
    }
  }

  @Override
  public Optional<SupervisorExtensions> supervisorExtensions() {
    return Optional.empty();
  }
}
