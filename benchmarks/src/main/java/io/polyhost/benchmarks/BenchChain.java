package io.polyhost.benchmarks;

import com.google.protobuf.ByteString;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.crypto.Signature;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.ArtifactSpecProto;
import io.polyhost.api.proto.CallInfoProto;
import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.proto.CoreMessageProto;
import io.polyhost.api.proto.GenesisConfigProto;
import io.polyhost.api.proto.InstanceInitParamsProto;
import io.polyhost.api.proto.SignatureProto;
import io.polyhost.api.proto.SignedMessageProto;
import io.polyhost.api.proto.ValidatorKeysProto;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.host.blockchain.Blockchain;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A single-validator blockchain on a temporary RocksDB hosting {@link BenchBank} as instance 1, and
 * a source of transactions for it.
 *
 * <p>Transactions carry a placeholder signature: the block executor takes transactions whose
 * signatures the pool already checked and never looks at them again, so signing would only slow the
 * benchmark's setup down.
 */
final class BenchChain implements AutoCloseable {
  static final int BANK_ID = 1;

  private static final KeyPair VALIDATOR = KeyPair.fromSeed(new byte[32]);
  private static final Instant GENESIS_TIME = Instant.parse("2026-01-01T00:00:00Z");
  private static final SignatureProto NO_SIGNATURE =
      Signature.of(new byte[Signature.SIZE]).toProto();

  private final TempDatabase temp;
  private final Blockchain chain;
  private final int accounts;
  private final List<PublicKey> authors = new ArrayList<>();
  private final SplittableRandom random;
  private long nonce;

  /** Creates the chain; its genesis block opens {@code accounts} accounts. */
  BenchChain(int accounts, long seed) {
    this.accounts = accounts;
    this.random = new SplittableRandom(seed);
    for (int i = 1; i <= 16; i++) {
      byte[] keySeed = new byte[32];
      keySeed[0] = (byte) i;
      authors.add(KeyPair.fromSeed(keySeed).publicKey());
    }
    this.temp = TempDatabase.create();
    this.chain =
        Blockchain.open(
            temp.db(),
            Map.<Integer, Runtime>of(BenchRuntime.ID, new BenchRuntime()),
            genesis(accounts),
            VALIDATOR,
            Optional.empty(),
            GENESIS_TIME);
  }

  /** {@code count} fresh transactions calling {@code methodId} of the bank. */
  List<SignedTransaction> transactions(int methodId, int count) {
    List<SignedTransaction> txs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int from = random.nextInt(accounts);
      int to = random.nextInt(accounts);
      byte[] arguments = ByteBuffer.allocate(16).putInt(from).putInt(to).putLong(++nonce).array();
      txs.add(transaction(authors.get(i % authors.size()), methodId, arguments));
    }
    return txs;
  }

  /** Executes and commits a block of {@code txs}, one second after the previous block. */
  void commit(List<SignedTransaction> txs) {
    Instant time = chain.lastBlock().time().plusSeconds(1);
    chain.commitBlock(txs, time);
  }

  Blockchain chain() {
    return chain;
  }

  @Override
  public void close() {
    chain.close();
    temp.close();
  }

  private static SignedTransaction transaction(PublicKey author, int methodId, byte[] arguments) {
    return unsigned(author, BANK_ID, methodId, arguments);
  }

  /**
   * A transaction of {@code author} calling {@code methodId} of instance {@code instanceId}, with a
   * placeholder signature (see the class comment).
   */
  static SignedTransaction unsigned(
      PublicKey author, int instanceId, int methodId, byte[] arguments) {
    AnyTxProto tx =
        AnyTxProto.newBuilder()
            .setCallInfo(CallInfoProto.newBuilder().setInstanceId(instanceId).setMethodId(methodId))
            .setArguments(ByteString.copyFrom(arguments))
            .build();
    byte[] bytes =
        SignedMessageProto.newBuilder()
            .setPayload(CoreMessageProto.newBuilder().setAnyTx(tx).build().toByteString())
            .setAuthor(author.toProto())
            .setSignature(NO_SIGNATURE)
            .build()
            .toByteArray();
    return new SignedTransaction(Hash.sha256(bytes), author, tx, bytes);
  }

  /** The consensus configuration of a network of one validator, {@code validator}. */
  static ConsensusConfigProto consensusConfig(KeyPair validator) {
    var keys =
        ValidatorKeysProto.newBuilder()
            .setConsensusKey(validator.publicKey().toProto())
            .setServiceKey(validator.publicKey().toProto());
    return ConsensusConfigProto.newBuilder()
        .addValidatorKeys(keys)
        .setTxsBlockLimit(1000)
        .setMaxMessageLen(1 << 20)
        .setMinProposeTimeout(10)
        .setMaxProposeTimeout(200)
        .build();
  }

  private static GenesisConfigProto genesis(int accounts) {
    var config = consensusConfig(VALIDATOR);
    var bank = new InstanceSpec(BANK_ID, "bank", BenchRuntime.BANK);
    return GenesisConfigProto.newBuilder()
        .setConsensusConfig(config)
        .addArtifacts(ArtifactSpecProto.newBuilder().setArtifact(BenchRuntime.BANK.toProto()))
        .addBuiltinInstances(
            InstanceInitParamsProto.newBuilder()
                .setInstanceSpec(bank.toProto())
                .setConstructor(
                    ByteString.copyFrom(ByteBuffer.allocate(4).putInt(accounts).array())))
        .build();
  }
}
