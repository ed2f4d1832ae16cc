package io.polyhost.host.blockchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.CallInBlock;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.proto.GenesisConfigProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.StorageException;
import io.polyhost.host.dispatcher.NodeHaltException;
import io.polyhost.host.testing.Counter;
import io.polyhost.host.testing.TestChain;
import io.polyhost.host.testing.TestRuntime;
import io.polyhost.host.testing.TestService;
import io.polyhost.storage.RocksDbDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The block-execution scenarios of Exonum's blockchain tests (exonum-core.md §7.5). */
class BlockchainTest {
  static final ArtifactId COUNTER = ArtifactId.parse("1:counter:1.0.0");
  static final ArtifactId OTHER = ArtifactId.parse("1:other:1.0.0");
  static final byte[] NONE = new byte[0];

  @TempDir Path dir;

  private TestRuntime runtime = new TestRuntime(1, true);

  private Supplier<Map<Integer, Runtime>> runtimes(Supplier<TestService> counter) {
    return () -> {
      runtime =
          TestChain.withSupervisor(new TestRuntime(1, true))
              .offer(COUNTER, counter)
              .offer(OTHER, Counter::new);
      return Map.of(1, runtime);
    };
  }

  private TestChain chainWithCounter(Supplier<TestService> counter) {
    return TestChain.builder(dir)
        .artifact(COUNTER)
        .instance(new InstanceSpec(1, "counter", COUNTER), NONE)
        .start(runtimes(counter));
  }

  @Test
  void afterTransactionsInvokedOnGenesis() {
    try (var chain = chainWithCounter(() -> new Counter(true))) {
      assertThat(runtime.events()).contains("after counter").doesNotContain("before counter");
      assertThat(Counter.countOf(chain, "counter")).isEqualTo(1);
      chain.block();
      assertThat(Counter.countOf(chain, "counter")).isEqualTo(3);
    }
  }

  @Test
  void afterTransactionsFailureCausesGenesisFailure() {
    TestService failing =
        new TestService() {
          @Override
          public void afterTransactions(ExecutionContext context) {
            throw io.polyhost.api.error.ExecutionException.service(1, "not today");
          }
        };
    assertThatThrownBy(() -> chainWithCounter(() -> failing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("genesis")
        .hasMessageContaining("not today");
    try (var db = RocksDbDatabase.open(dir);
        var snapshot = db.snapshot()) {
      assertThat(CoreSchema.over(snapshot).hasGenesis()).as("nothing persisted").isFalse();
    }
  }

  @Test
  void handlingTxPanicError() {
    try (var chain = chainWithCounter(Counter::new)) {
      var panicking = chain.tx(1, 3, NONE);
      var fine = chain.tx(1, 1, NONE);
      chain.block(panicking, fine);
      assertThat(chain.error(panicking))
          .hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.UNEXPECTED);
            assertThat(e.description()).contains("boom");
            assertThat(e.runtimeId()).hasValue(1);
          });
      assertThat(chain.error(fine)).isEmpty();
      assertThat(Counter.countOf(chain, "counter"))
          .as("the panicking write is rolled back")
          .isEqualTo(1);
    }
  }

  @Test
  void handlingTxMerkledbError() {
    TestService broken =
        new TestService() {
          @Override
          public void execute(ExecutionContext context, int methodId, byte[] arguments) {
            Counter.count(context.serviceData()).set(99L);
            throw new StorageException("disk on fire");
          }
        };
    try (var chain = chainWithCounter(() -> broken)) {
      Hash before = chain.chain().lastBlock().stateHash();
      assertThatThrownBy(() -> chain.block(chain.tx(1, 1, NONE)))
          .isInstanceOf(NodeHaltException.class)
          .hasMessageContaining("disk on fire");
      assertThat(chain.chain().height()).isZero();
      assertThat(chain.chain().lastBlock().stateHash()).isEqualTo(before);
    }
  }

  @Test
  void initializeServiceOk() {
    try (var chain = chainWithCounter(Counter::new)) {
      assertThat(Counter.countOf(chain, "counter")).isZero();
      assertThat(runtime.events())
          .containsSubsequence(
              "deploy " + COUNTER,
              "add counter",
              "status counter active",
              "after counter",
              "commit 0");
    }
  }

  @Test
  void deployAvailable() {
    try (var chain = chainWithCounter(Counter::new)) {
      chain.block(chain.supervise(ext -> ext.startArtifactRegistration(OTHER, NONE)));
      ArtifactStatus status = chain.read(d -> d.artifacts().get(OTHER));
      assertThat(status).isEqualTo(ArtifactStatus.ACTIVE);
      assertThat(runtime.isArtifactDeployed(OTHER)).isTrue();
    }
  }

  @Test
  void deployAlreadyDeployed() {
    try (var chain = chainWithCounter(Counter::new)) {
      var again = chain.supervise(ext -> ext.startArtifactRegistration(COUNTER, NONE));
      chain.block(again);
      assertThat(chain.error(again))
          .hasValueSatisfying(e -> assertThat(e.is(CoreError.ARTIFACT_ALREADY_DEPLOYED)).isTrue());
    }
  }

  @Test
  void deployUnavailableArtifact() {
    ArtifactId unknown = ArtifactId.parse("1:nowhere:1.0.0");
    try (var chain = chainWithCounter(Counter::new)) {
      assertThatThrownBy(() ->
              chain.block(chain.supervise(ext -> ext.startArtifactRegistration(unknown, NONE))))
          .isInstanceOf(NodeHaltException.class)
          .hasMessageContaining(unknown.toString())
          .hasMessageContaining("cannot be deployed on this node");
      assertThat(chain.chain().height()).as("the block is not persisted").isZero();
      boolean registered = chain.read(d -> d.artifacts().containsKey(unknown));
      assertThat(registered).isFalse();
    }
  }

  @Test
  void startStopServiceInstance() {
    try (var chain = chainWithCounter(Counter::new)) {
      chain.block(
          chain.supervise(
              ext -> ext.initiateAddingService(new InstanceSpec(2, "second", COUNTER), NONE)));
      chain.block(chain.tx(2, 1, NONE));
      assertThat(Counter.countOf(chain, "second")).isEqualTo(1);
      var stop = chain.supervise(ext -> ext.initiateStoppingService(2));
      var sameBlock = chain.tx(2, 1, NONE);
      chain.block(stop, sameBlock);
      assertThat(chain.error(sameBlock))
          .as("a stopping service works until its block ends")
          .isEmpty();
      var late = chain.tx(2, 1, NONE);
      chain.block(late);
      assertThat(chain.error(late))
          .hasValueSatisfying(e -> assertThat(e.is(CoreError.INCORRECT_INSTANCE_ID)).isTrue());
      boolean readable = chain.read(d -> d.forService(InstanceQuery.name("second")).isPresent());
      assertThat(readable).isFalse();
    }
  }

  @Test
  void testCheckTx() {
    try (var chain = chainWithCounter(Counter::new)) {
      var dispatcher = chain.chain().dispatcher();
      assertThat(dispatcher.checkTx(1)).isEmpty();
      assertThat(dispatcher.checkTx(5))
          .hasValueSatisfying(e -> assertThat(e.is(CoreError.INCORRECT_INSTANCE_ID)).isTrue());
      chain.block(chain.supervise(ext -> ext.initiateFreezingService(1)));
      assertThat(dispatcher.checkTx(1))
          .hasValueSatisfying(e -> assertThat(e.is(CoreError.SERVICE_NOT_ACTIVE)).isTrue());
    }
  }

  @Test
  void finalizeDuplicateServices() {
    var builder =
        TestChain.builder(dir)
            .artifact(COUNTER)
            .instance(new InstanceSpec(1, "counter", COUNTER), NONE)
            .instance(new InstanceSpec(1, "counter", COUNTER), NONE);
    assertThatThrownBy(() -> builder.start(runtimes(Counter::new)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("counter");
  }

  @Test
  void finalizeServicesWithDuplicateNames() {
    var builder =
        TestChain.builder(dir)
            .artifact(COUNTER)
            .instance(new InstanceSpec(1, "counter", COUNTER), NONE)
            .instance(new InstanceSpec(2, "counter", COUNTER), NONE);
    assertThatThrownBy(() -> builder.start(runtimes(Counter::new)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("core:" + CoreError.SERVICE_NAME_EXISTS.code());
  }

  @Test
  void finalizeServicesWithDuplicateIds() {
    var builder =
        TestChain.builder(dir)
            .artifact(COUNTER)
            .instance(new InstanceSpec(1, "counter", COUNTER), NONE)
            .instance(new InstanceSpec(1, "counter2", COUNTER), NONE);
    assertThatThrownBy(() -> builder.start(runtimes(Counter::new)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("core:" + CoreError.SERVICE_ID_EXISTS.code());
  }

  @Test
  void blockchainHeightPanicsBeforeGenesis() {
    try (var db = RocksDbDatabase.open(dir);
        var snapshot = db.snapshot()) {
      CoreSchema core = CoreSchema.over(snapshot);
      assertThatThrownBy(core::height).isInstanceOf(IllegalStateException.class);
      assertThat(core.nextHeight())
          .as("blockchain_next_height_does_not_panic_before_genesis")
          .isZero();
    }
  }

  @Test
  void blockchainHeight() {
    try (var chain = chainWithCounter(Counter::new)) {
      assertThat(chain.chain().height()).isZero();
      chain.block();
      assertThat(chain.chain().height()).isEqualTo(1);
      long height = chain.read(d -> d.height());
      assertThat(height).isEqualTo(1);
    }
  }

  @Test
  void stateAggregation() {
    try (var chain = chainWithCounter(Counter::new)) {
      var block = chain.block(chain.tx(1, 1, NONE));
      try (var db = RocksDbDatabase.open(dir.resolve("copy"))) {
        assertThat(db.snapshot().stateHash()).isNotEqualTo(block.stateHash());
      }
      var proof = chain.snapshot(s -> s.indexProof("counter.count"));
      assertThat(proof.verify(block.stateHash()))
          .as("the service's Merkelized entry is proven by the block's state hash")
          .isPresent();
      var dispatcherProof = chain.snapshot(s -> s.indexProof("dispatcher_instances"));
      assertThat(dispatcherProof.verify(block.stateHash())).isPresent();
    }
  }

  @Test
  void blockHeaderHashesMatchTheBlocksContent() {
    try (var chain = chainWithCounter(Counter::new)) {
      var failing = chain.tx(1, 2, NONE);
      var block = chain.block(chain.tx(1, 1, NONE), failing);
      assertThat(block.txCount()).isEqualTo(2);
      chain
          .chain()
          .read(core -> {
            assertThat(core.txHash(1)).isEqualTo(block.txHash());
            assertThat(core.callErrors(1).hash()).isEqualTo(block.errorHash());
            assertThat(core.callErrors(1).all()).containsOnlyKeys(new CallInBlock.Transaction(1));
            var proof = core.proofs().blockProof(1).orElseThrow();
            assertThat(proof.block()).isEqualTo(block);
            return true;
          });
    }
  }

  @Test
  void aTransactionCannotBeCommittedTwice() {
    try (var chain = chainWithCounter(Counter::new)) {
      var tx = chain.tx(1, 1, NONE);
      assertThatThrownBy(() -> chain.block(tx, tx))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("already committed");
      chain.block(tx);
      assertThatThrownBy(() -> chain.block(tx)).isInstanceOf(IllegalArgumentException.class);
      assertThat(chain.chain().height()).isEqualTo(1);
    }
  }

  @Test
  void blockTimeNeverGoesBackwards() {
    try (var chain = chainWithCounter(Counter::new)) {
      Instant genesis = chain.chain().lastBlock().time();
      assertThatThrownBy(() -> chain.chain().commitBlock(List.of(), genesis.minusSeconds(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("before the previous block");
      chain.chain().commitBlock(List.of(), genesis);
      assertThat(chain.chain().height()).isEqualTo(1);
    }
  }

  @Test
  void theLatestBlockComesFromTheDatabaseWhenAnotherWriterMovedIt() {
    try (var chain = chainWithCounter(Counter::new)) {
      Block first = chain.block();
      assertThat(chain.chain().lastBlock()).isEqualTo(first);
      Block second;
      try (Blockchain other =
          Blockchain.open(
              chain.database(),
              runtimes(Counter::new).get(),
              GenesisConfigProto.getDefaultInstance(),
              TestChain.VALIDATOR,
              Optional.empty(),
              TestChain.GENESIS_TIME)) {
        second = other.commitBlock(List.of(), first.time().plusSeconds(1));
      }
      // This chain remembers the block it committed; it must notice the newer one.
      assertThat(chain.chain().lastBlock()).isEqualTo(second);
      Block third = chain.block();
      assertThat(third.height()).isEqualTo(3);
      assertThat(third.prevHash()).isEqualTo(second.hash());
    }
  }

  @Test
  void aGenesisWithoutArtifactsStillCreatesTheArtifactRegistry() {
    // The registry enters the state hash in the genesis block whatever it holds; blocks that
    // change nothing skip opening it, so the genesis block must not.
    var genesis =
        GenesisConfigProto.newBuilder()
            .setConsensusConfig(TestChain.builder(dir).genesis().getConsensusConfig())
            .build();
    try (var db = RocksDbDatabase.open(dir.resolve("bare"));
        var chain =
            Blockchain.open(
                db,
                Map.of(1, new TestRuntime(1, true)),
                genesis,
                TestChain.VALIDATOR,
                Optional.empty(),
                TestChain.GENESIS_TIME)) {
      Optional<IndexType> type =
          chain.readSnapshot(s -> s.indexType(IndexAddress.of("dispatcher_artifacts")));
      assertThat(type).contains(IndexType.PROOF_MAP);
      var proof = chain.readSnapshot(s -> s.indexProof("dispatcher_artifacts"));
      assertThat(proof.verify(chain.lastBlock().stateHash())).isPresent();
    }
  }
}
