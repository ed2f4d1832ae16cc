package io.polyhost.host.blockchain;

import com.google.protobuf.ByteString;
import io.polyhost.api.blockchain.AdditionalHeaders;
import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.BlockProof;
import io.polyhost.api.blockchain.CallInBlock;
import io.polyhost.api.blockchain.Precommit;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.CallInfoProto;
import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.proto.ValidatorKeysProto;
import io.polyhost.storage.Database;
import io.polyhost.storage.Fork;
import io.polyhost.storage.Patch;
import io.polyhost.storage.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A stand-in for the block executor: commits blocks of given transactions and errors through the
 * core schema, the way the real one will, and certifies them with a quorum of test validators.
 */
final class TestChain {
  private final Database db;
  final List<KeyPair> validators;
  final List<PublicKey> keys;

  TestChain(Database db, int validatorCount) {
    this.db = db;
    this.validators =
        IntStream.range(0, validatorCount)
            .mapToObj(i -> {
              byte[] seed = new byte[32];
              seed[31] = (byte) (i + 1);
              return KeyPair.fromSeed(seed);
            })
            .toList();
    this.keys = validators.stream().map(KeyPair::publicKey).toList();
  }

  ConsensusConfigProto config() {
    ConsensusConfigProto.Builder b = ConsensusConfigProto.newBuilder().setTxsBlockLimit(100);
    for (PublicKey key : keys) {
      b.addValidatorKeys(
          ValidatorKeysProto.newBuilder()
              .setConsensusKey(key.toProto())
              .setServiceKey(key.toProto()));
    }
    return b.build();
  }

  static SignedTransaction tx(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) 9;
    AnyTxProto call =
        AnyTxProto.newBuilder()
            .setCallInfo(CallInfoProto.newBuilder().setInstanceId(100).setMethodId(n % 3))
            .setArguments(ByteString.copyFromUtf8("argument " + n))
            .build();
    return SignedMessage.sign(KeyPair.fromSeed(seed), call);
  }

  /** The genesis block: the consensus configuration and nothing else. */
  Block genesis() {
    return commit(s -> s.setConsensusConfig(config()), List.of(), Map.of());
  }

  /** A block with {@code txs} (stored first if needed) and the given errors. */
  Block commit(List<SignedTransaction> txs, Map<CallInBlock, ExecutionError> errors) {
    return commit(s -> {}, txs, errors);
  }

  Block commit(
      Consumer<CoreSchema> extra,
      List<SignedTransaction> txs,
      Map<CallInBlock, ExecutionError> errors) {
    long height;
    Hash stateHash;
    // Execution: its patch's state hash goes into the header, as in Exonum's create_patch.
    try (Fork fork = db.fork()) {
      CoreSchema schema = CoreSchema.over(fork);
      height = schema.nextHeight();
      extra.accept(schema);
      for (SignedTransaction tx : txs) {
        schema.saveTransaction(tx);
        schema.appendToBlock(height, tx.hash());
      }
      errors.forEach(schema.callErrors(height)::save);
      try (Patch patch = fork.intoPatch()) {
        stateHash = patch.stateHash();
        db.merge(patch);
      }
    }
    return seal(height, stateHash);
  }

  private Block seal(long height, Hash stateHash) {
    try (Fork fork = db.fork()) {
      CoreSchema schema = CoreSchema.over(fork);
      Block block =
          new Block(
              0,
              height,
              schema.blockTransactions(height).size(),
              schema.lastBlock().map(Block::hash).orElse(Hash.zero()),
              schema.txHash(height),
              stateHash,
              schema.callErrors(height).hash(),
              AdditionalHeaders.empty(),
              Instant.ofEpochSecond(1_700_000_000L + height));
      schema.saveBlock(block);
      List<Precommit> precommits = new ArrayList<>();
      for (int i = 0; i < BlockProof.quorum(validators.size()); i++) {
        precommits.add(new BlockSigner(i, validators.get(i)).sign(block));
      }
      schema.saveCertificate(BlockSigner.certificate(block, precommits));
      try (Patch patch = fork.intoPatch()) {
        db.merge(patch);
      }
      return block;
    }
  }

  /** Looks through a fresh snapshot. */
  void inspect(Consumer<CoreSchema> check) {
    try (Snapshot snapshot = db.snapshot()) {
      check.accept(CoreSchema.over(snapshot));
    }
  }

  /** Reads through a fresh snapshot. */
  <T> T read(Function<CoreSchema, T> query) {
    try (Snapshot snapshot = db.snapshot()) {
      return query.apply(CoreSchema.over(snapshot));
    }
  }
}
