package io.polyhost.host.dispatcher;

import static io.polyhost.host.dispatcher.LifecycleFixtures.ACTIONS;
import static io.polyhost.host.dispatcher.LifecycleFixtures.COUNTER;
import static io.polyhost.host.dispatcher.LifecycleFixtures.HOOKED;
import static io.polyhost.host.dispatcher.LifecycleFixtures.NONE;
import static io.polyhost.host.dispatcher.LifecycleFixtures.assertOk;
import static io.polyhost.host.dispatcher.LifecycleFixtures.runtime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.CallInBlock;
import io.polyhost.api.error.CallSite;
import io.polyhost.api.error.CallType;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ChildCall;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.storage.Serializers;
import io.polyhost.api.storage.StorageException;
import io.polyhost.host.testing.Actions;
import io.polyhost.host.testing.Counter;
import io.polyhost.host.testing.TestChain;
import io.polyhost.host.testing.TestService;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How failures of top-level calls are recorded or halt the node: isolated hooks, errors whose
 * descriptions differ between nodes, and failures that are facts about the node (exonum-core.md
 * §1.4, §1.7).
 */
class CallErrorTest {
  /**
   * Hooks that write, then fail: before-transactions always, after-transactions for "*-after" after
   * genesis and for "*-genesis" always.
   */
  private static final ArtifactId FAILING_HOOKS = ArtifactId.parse("1:failing-hooks:1.0.0");

  /** Method 1 fails with the code and description its runtime was set up with. */
  private static final ArtifactId DIVERGING = ArtifactId.parse("1:diverging:1.0.0");

  @TempDir Path dir;

  @Test
  void hooksAreIsolated() {
    try (TestChain chain =
        LifecycleFixtures.builder(dir)
            .artifact(FAILING_HOOKS)
            .instance(new InstanceSpec(1, "a", HOOKED), NONE)
            .instance(new InstanceSpec(7, "flaky", FAILING_HOOKS), NONE)
            .instance(new InstanceSpec(8, "flaky-after", FAILING_HOOKS), NONE)
            .start(() -> {
              var all = LifecycleFixtures.bothRuntimes();
              runtime(all, 1).offer(FAILING_HOOKS, FailingHooks::new);
              return all;
            })) {
      long before = Counter.countOf(chain, "a");
      var tx = chain.tx(1, 1, NONE);
      Block block = chain.block(tx);
      long height = block.height();
      assertOk(chain, tx);
      assertThat(Counter.countOf(chain, "a")).isEqualTo(before + 3);

      ExecutionError beforeError =
          chain.error(height, CallInBlock.beforeTransactions(7)).orElseThrow();
      assertThat(beforeError.code()).isEqualTo(FailingHooks.BEFORE);
      assertThat(beforeError.callSite()).contains(CallSite.of(7, CallType.BEFORE_TRANSACTIONS));
      assertThat(beforeError.runtimeId()).hasValue(1);
      assertThat(chain.error(height, CallInBlock.beforeTransactions(8))).isPresent();
      assertThat(chain.error(height, CallInBlock.afterTransactions(7))).isEmpty();
      ExecutionError afterError =
          chain.error(height, CallInBlock.afterTransactions(8)).orElseThrow();
      assertThat(afterError.code()).isEqualTo(FailingHooks.AFTER);
      assertThat(afterError.callSite()).contains(CallSite.of(8, CallType.AFTER_TRANSACTIONS));
      assertThat(chain.error(height, CallInBlock.beforeTransactions(1))).isEmpty();

      assertThat(written(chain, "flaky", "before")).isEmpty();
      assertThat(written(chain, "flaky", "after")).contains("after@" + height);
      assertThat(written(chain, "flaky-after", "before")).isEmpty();
      // The failed hook of this block is rolled back; what its genesis hook wrote stays.
      assertThat(written(chain, "flaky-after", "after")).contains("after@0");
    }
  }

  @Test
  void afterTransactionsFailureCausesGenesisFailure() {
    var builder =
        LifecycleFixtures.builder(dir)
            .artifact(FAILING_HOOKS)
            .instance(new InstanceSpec(9, "flaky-genesis", FAILING_HOOKS), NONE);
    assertThatThrownBy(() ->
            builder.start(() -> {
              var all = LifecycleFixtures.bothRuntimes();
              runtime(all, 1).offer(FAILING_HOOKS, FailingHooks::new);
              return all;
            }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("genesis block cannot be created")
        .hasMessageContaining("#9")
        .hasMessageContaining("the after hook fails");
  }

  @Test
  void divergingErrorDescriptions() {
    Block first = divergingBlock("n1", 4, "disk path /srv/a");
    Block second = divergingBlock("n2", 4, "disk path /home/b");
    assertThat(second.errorHash()).isEqualTo(first.errorHash());
    assertThat(second.hash()).isEqualTo(first.hash());
  }

  @Test
  void divergingErrorCodes() {
    Block first = divergingBlock("n1", 4, "same");
    Block second = divergingBlock("n2", 5, "same");
    assertThat(second.errorHash()).isNotEqualTo(first.errorHash());
    assertThat(second.hash()).isNotEqualTo(first.hash());
  }

  /** The first block of a fresh node whose only transaction fails with {@code code}. */
  private Block divergingBlock(String node, int code, String description) {
    try (TestChain chain =
        LifecycleFixtures.builder(dir.resolve(node))
            .artifact(DIVERGING)
            .instance(new InstanceSpec(1, "d", DIVERGING), NONE)
            .start(() -> {
              var all = LifecycleFixtures.bothRuntimes();
              runtime(all, 1)
                  .offer(
                      DIVERGING,
                      () ->
                          new TestService() {
                            @Override
                            public void execute(
                                ExecutionContext context, int methodId, byte[] arguments) {
                              throw ExecutionException.service(code, description);
                            }
                          });
              return all;
            })) {
      var tx = chain.tx(1, 1, NONE);
      Block block = chain.block(tx);
      assertThat(chain.error(tx).map(ExecutionError::description)).contains(description);
      return block;
    }
  }

  @Test
  void stackOverflowErrorHaltsTheBlock() {
    assertHalts(() -> new StackOverflowError(), false);
  }

  @Test
  void outOfMemoryErrorHaltsTheBlock() {
    assertHalts(() -> new OutOfMemoryError("Java heap space"), false);
  }

  @Test
  void storageFailureHaltsTheBlock() {
    assertHalts(() -> new StorageException("RocksDB: IO error: No space left on device"), false);
  }

  @Test
  void errorInChildCallHaltsTheBlock() {
    assertHalts(() -> new OutOfMemoryError("Java heap space"), true);
  }

  /**
   * A block with a good transaction, then one whose service throws {@code failure} (directly or in
   * a child call), must halt with nothing persisted; after a restart the node goes on.
   */
  private void assertHalts(Supplier<Throwable> failure, boolean inChildCall) {
    try (TestChain chain =
        LifecycleFixtures.start(
            dir, new InstanceSpec(1, "a", COUNTER), new InstanceSpec(3, "act", ACTIONS))) {
      long height = chain.chain().height();
      byte[] thrower = Actions.register(ctx -> sneakyThrow(failure.get()));
      SignedTransaction good = chain.tx(1, 1, NONE);
      SignedTransaction bad =
          inChildCall
              ? chain.run(3, ctx -> ctx.call(ChildCall.of(InstanceQuery.id(3), 0, thrower)))
              : chain.tx(3, 0, thrower);
      assertThatThrownBy(() -> chain.block(good, bad))
          .isInstanceOf(NodeHaltException.class)
          .hasMessageContaining("instance 3")
          .cause()
          .isInstanceOf(failure.get().getClass());
      assertThat(chain.chain().height()).isEqualTo(height);
      assertThat(Counter.countOf(chain, "a")).isZero();
      Optional<?> location = chain.chain().read(core -> core.location(good.hash()));
      assertThat(location).isEmpty();

      chain.restart();
      chain.block(good);
      assertOk(chain, good);
      assertThat(Counter.countOf(chain, "a")).isEqualTo(1);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable failure) throws T {
    throw (T) failure;
  }

  private static Optional<String> written(TestChain chain, String service, String name) {
    return chain.read(d ->
        d.forService(InstanceQuery.name(service))
            .flatMap(data -> data.entry(name, Serializers.string()).get()));
  }

  /** See {@link #FAILING_HOOKS}. */
  static final class FailingHooks implements TestService {
    static final int BEFORE = 11;
    static final int AFTER = 12;

    @Override
    public void beforeTransactions(ExecutionContext context) {
      context.serviceData().entry("before", Serializers.string()).set("before");
      throw ExecutionException.service(BEFORE, "the before hook fails");
    }

    @Override
    public void afterTransactions(ExecutionContext context) {
      context.serviceData().entry("after", Serializers.string()).set("after@" + context.height());
      String name = context.instance().name();
      if ((name.endsWith("-after") && !context.inGenesisBlock()) || name.endsWith("-genesis")) {
        throw ExecutionException.service(AFTER, "the after hook fails");
      }
    }
  }
}
