package io.polyhost.host.blockchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.blockchain.AdditionalHeaders;
import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.BlockProof;
import io.polyhost.api.blockchain.CallInBlock;
import io.polyhost.api.blockchain.TxLocation;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.CallSite;
import io.polyhost.api.error.CallType;
import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.proto.ValidatorKeysProto;
import io.polyhost.api.storage.ReadOnlyStorageException;
import io.polyhost.storage.Fork;
import io.polyhost.storage.RocksDbDatabase;
import io.polyhost.storage.Snapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreSchemaTest {
  private static final ExecutionError FAILED_TX =
      ExecutionError.service(5, "not enough tokens in /home/alice/wallet")
          .withRuntimeId(1)
          .at(CallSite.method(100, "", 1))
          .at(CallSite.method(7, "", 2));
  private static final ExecutionError FAILED_HOOK =
      CoreError.INCORRECT_CALL
          .error("after hook broke")
          .at(CallSite.of(3, CallType.AFTER_TRANSACTIONS));

  @TempDir Path dir;
  private RocksDbDatabase db;
  private TestChain chain;

  @BeforeEach
  void open() {
    db = RocksDbDatabase.open(dir);
    chain = new TestChain(db, 4);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void beforeGenesisThereIsNoHeight() {
    chain.inspect(s -> {
      assertThat(s.hasGenesis()).isFalse();
      assertThat(s.nextHeight()).isZero();
      assertThat(s.lastBlock()).isEmpty();
      assertThat(s.block(0)).isEmpty();
      assertThat(s.validatorKeys()).isEmpty();
      assertThat(s.consensusConfig()).isEmpty();
      assertThatThrownBy(s::height)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("No genesis block yet");
    });
  }

  @Test
  void blocksTransactionsAndErrorsSurviveMergeAndReopen() {
    Block genesis = chain.genesis();
    SignedTransaction a = TestChain.tx(1);
    SignedTransaction b = TestChain.tx(2);
    Block one =
        chain.commit(
            List.of(a, b),
            Map.of(
                CallInBlock.transaction(1), FAILED_TX,
                CallInBlock.afterTransactions(3), FAILED_HOOK));
    Block two = chain.commit(List.of(TestChain.tx(3)), Map.of());

    db.close();
    db = RocksDbDatabase.open(dir);
    chain = new TestChain(db, 4);

    chain.inspect(s -> {
      assertThat(s.height()).isEqualTo(2);
      assertThat(s.nextHeight()).isEqualTo(3);
      assertThat(s.lastBlock()).contains(two);
      assertThat(s.block(0)).contains(genesis);
      assertThat(s.block(one.hash())).contains(one);
      assertThat(s.blockHash(1)).contains(one.hash());
      assertThat(s.blockHash(-1)).isEmpty();
      assertThat(two.prevHash()).isEqualTo(one.hash());
      assertThat(s.blockTransactions(1)).containsExactly(a.hash(), b.hash());
      assertThat(s.txHash(1)).isEqualTo(one.txHash());
      assertThat(s.location(b.hash())).contains(new TxLocation(1, 1));
      assertThat(s.transaction(b.hash())).contains(b);
      assertThat(s.transaction(b.hash()).orElseThrow().bytes()).isEqualTo(b.bytes());
      assertThat(s.callErrors(1).get(CallInBlock.transaction(1))).contains(FAILED_TX);
      assertThat(s.callErrors(1).get(CallInBlock.transaction(0))).isEmpty();
      assertThat(s.callErrors(1).all())
          .containsExactly(
              Map.entry(CallInBlock.transaction(1), FAILED_TX),
              Map.entry(CallInBlock.afterTransactions(3), FAILED_HOOK));
      assertThat(s.callErrors(1).hash()).isEqualTo(one.errorHash());
      assertThat(s.consensusConfig()).contains(chain.config());
      assertThat(s.validatorKeys()).isEqualTo(chain.keys);
      for (long h = 0; h <= 2; h++) {
        Block block = s.block(h).orElseThrow();
        assertThat(
                new BlockProof(block, s.certificate(block.hash()).orElseThrow()).verify(chain.keys))
            .isEqualTo(block);
      }
    });
  }

  @Test
  void theConsensusPartOfAnErrorIsWhatItsConsensusHashCovers() {
    byte[] stored = ConsensusErrorSerializer.INSTANCE.encode(FAILED_TX);
    assertThat(Hash.sha256(stored)).isEqualTo(FAILED_TX.consensusHash());
    ExecutionError back = ConsensusErrorSerializer.INSTANCE.decode(stored);
    assertThat(back.description()).isEmpty();
    assertThat(back.backtrace()).isEmpty();
    assertThat(back.callSite()).isEqualTo(FAILED_TX.callSite());
  }

  @Test
  void divergingDescriptionsAgreeAndDivergingCodesDoNot() {
    ExecutionError here =
        ExecutionError.service(5, "node A: disk /a").at(CallSite.method(100, "", 1));
    ExecutionError there =
        ExecutionError.service(5, "node B: disk /b").at(CallSite.method(100, "", 1));
    ExecutionError otherCode =
        ExecutionError.service(6, "node A: disk /a").at(CallSite.method(100, "", 1));
    Hash hashHere = errorHashWith(here);
    assertThat(errorHashWith(there)).isEqualTo(hashHere);
    assertThat(errorHashWith(otherCode)).isNotEqualTo(hashHere);
    assertThat(errorHashWith(here.withRuntimeId(2))).isNotEqualTo(hashHere);
  }

  private Hash errorHashWith(ExecutionError error) {
    try (Fork fork = db.fork()) {
      CallErrors errors = CoreSchema.over(fork).callErrors(0);
      errors.save(CallInBlock.transaction(0), error);
      return errors.hash();
    }
  }

  @Test
  void saveBlockChecksTheHeaderAgainstTheChain() {
    Block genesis = chain.genesis();
    try (Fork fork = db.fork()) {
      CoreSchema s = CoreSchema.over(fork);
      s.saveTransaction(TestChain.tx(1));
      s.appendToBlock(1, TestChain.tx(1).hash());
      Block good = header(1, 1, genesis.hash(), s.txHash(1), s.callErrors(1).hash());
      assertRejected(
          s,
          header(2, 1, genesis.hash(), good.txHash(), good.errorHash()),
          "Block height 2 is not the next, 1");
      assertRejected(
          s, header(1, 1, Hash.zero(), good.txHash(), good.errorHash()), "names previous hash");
      assertRejected(
          s,
          header(1, 2, genesis.hash(), good.txHash(), good.errorHash()),
          "claims 2 transactions; 1 saved");
      assertRejected(s, header(1, 1, genesis.hash(), Hash.zero(), good.errorHash()), "has tx_hash");
      assertRejected(s, header(1, 1, genesis.hash(), good.txHash(), Hash.zero()), "has error_hash");
      s.saveBlock(good);
      assertThat(s.height()).isEqualTo(1);
      Block unknown = header(2, 0, good.hash(), Hash.zero(), Hash.zero());
      assertThatThrownBy(() ->
              s.saveCertificate(new BlockSigner(0, chain.validators.get(0)).certifyAlone(unknown)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("No block " + unknown.hash());
      assertThatThrownBy(() -> s.callErrors(0).save(CallInBlock.transaction(0), FAILED_TX))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("errors of block 0 cannot change");
    }
  }

  private static Block header(long height, int txCount, Hash prev, Hash txHash, Hash errorHash) {
    return new Block(
        0,
        height,
        txCount,
        prev,
        txHash,
        Hash.zero(),
        errorHash,
        AdditionalHeaders.empty(),
        Instant.EPOCH);
  }

  private static void assertRejected(CoreSchema s, Block block, String message) {
    assertThatThrownBy(() -> s.saveBlock(block))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void appendToBlockChecksHeightStorageAndDoubleCommits() {
    chain.genesis();
    SignedTransaction a = TestChain.tx(1);
    chain.commit(List.of(a), Map.of());
    try (Fork fork = db.fork()) {
      CoreSchema s = CoreSchema.over(fork);
      assertThatThrownBy(() -> s.appendToBlock(1, a.hash()))
          .hasMessageContaining("Height 1 is not the block being built, 2");
      assertThatThrownBy(() -> s.appendToBlock(2, TestChain.tx(9).hash()))
          .hasMessageContaining("is not stored");
      assertThatThrownBy(() -> s.appendToBlock(2, a.hash()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is already at TxLocation[blockHeight=1, position=0]");
    }
  }

  @Test
  void snapshotsAreReadOnly() {
    chain.genesis();
    try (Snapshot snapshot = db.snapshot()) {
      CoreSchema s = CoreSchema.over(snapshot);
      assertThat(s.isWritable()).isFalse();
      assertThatThrownBy(() -> s.saveTransaction(TestChain.tx(1)))
          .isInstanceOf(ReadOnlyStorageException.class);
      assertThatThrownBy(() -> s.pool().add(TestChain.tx(1)))
          .isInstanceOf(ReadOnlyStorageException.class);
      assertThatThrownBy(() -> s.callErrors(1).save(CallInBlock.transaction(0), FAILED_TX))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void thePoolSurvivesRestartsAndLosesTransactionsToBlocks() {
    chain.genesis();
    SignedTransaction a = TestChain.tx(1);
    SignedTransaction b = TestChain.tx(2);
    SignedTransaction c = TestChain.tx(3);
    try (Fork fork = db.fork()) {
      PooledTransactions pool = CoreSchema.over(fork).pool();
      assertThat(pool.add(a)).isTrue();
      assertThat(pool.add(b)).isTrue();
      assertThat(pool.add(c)).isTrue();
      assertThat(pool.add(a)).isFalse();
      assertThat(pool.remove(c.hash())).isTrue();
      assertThat(pool.remove(c.hash())).isFalse();
      db.merge(fork.intoPatch());
    }
    db.close();
    db = RocksDbDatabase.open(dir);
    chain = new TestChain(db, 4);
    chain.inspect(s -> {
      assertThat(s.pool().size()).isEqualTo(2);
      assertThat(s.pool().hashes()).containsExactlyInAnyOrder(a.hash(), b.hash());
      assertThat(s.pool().get(a.hash())).contains(a);
      assertThat(s.pool().get(c.hash())).isEmpty();
      assertThat(s.transaction(c.hash())).contains(c); // bytes are kept
    });
    chain.commit(List.of(a), Map.of());
    chain.inspect(s -> {
      assertThat(s.pool().hashes()).containsExactly(b.hash());
      assertThat(s.pool().size()).isEqualTo(1);
    });
    try (Fork fork = db.fork()) {
      assertThat(CoreSchema.over(fork).pool().add(a)).as("already committed").isFalse();
    }
  }

  @Test
  void theConsensusConfigIsInTheStateHash() {
    Block genesis = chain.genesis();
    try (Snapshot snapshot = db.snapshot()) {
      assertThat(snapshot.stateHash()).isEqualTo(genesis.stateHash());
      assertThat(snapshot.indexProof(CoreSchema.CONSENSUS_CONFIG_INDEX).verify(genesis.stateHash()))
          .isPresent();
    }
    ConsensusConfigProto changed = chain.config().toBuilder().setTxsBlockLimit(7).build();
    Block next = chain.commit(s -> s.setConsensusConfig(changed), List.of(), Map.of());
    assertThat(next.stateHash()).isNotEqualTo(genesis.stateHash());
    assertThat(chain.read(CoreSchema::consensusConfig)).contains(changed);
  }

  @Test
  void rejectsBadConsensusConfigs() {
    try (Fork fork = db.fork()) {
      CoreSchema s = CoreSchema.over(fork);
      assertThatThrownBy(() -> s.setConsensusConfig(ConsensusConfigProto.getDefaultInstance()))
          .hasMessageContaining("names no validator");
      ValidatorKeysProto v = chain.config().getValidatorKeys(0);
      assertThatThrownBy(() ->
              s.setConsensusConfig(
                  ConsensusConfigProto.newBuilder()
                      .addValidatorKeys(v)
                      .addValidatorKeys(v)
                      .build()))
          .hasMessageContaining("Validator 1 shares its consensus key");
      assertThatThrownBy(() ->
              s.setConsensusConfig(
                  ConsensusConfigProto.newBuilder()
                      .addValidatorKeys(v.toBuilder().clearConsensusKey())
                      .build()))
          .hasMessageContaining("Validator 0 has no consensus key");
      assertThat(s.consensusConfig()).isEmpty();
    }
  }
}
