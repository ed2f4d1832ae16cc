package io.polyhost.host.blockchain;

import io.polyhost.api.blockchain.AdditionalHeaders;
import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.BlockProof;
import io.polyhost.api.blockchain.CallInBlock;
import io.polyhost.api.blockchain.StateProof;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.GenesisConfigProto;
import io.polyhost.api.runtime.Broadcaster;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.RuntimeEnvironment;
import io.polyhost.api.runtime.StateProver;
import io.polyhost.host.dispatcher.BlockInfo;
import io.polyhost.host.dispatcher.CommitPlan;
import io.polyhost.host.dispatcher.Dispatcher;
import io.polyhost.host.dispatcher.HookError;
import io.polyhost.storage.Database;
import io.polyhost.storage.Fork;
import io.polyhost.storage.Patch;
import io.polyhost.storage.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain of blocks on this node: creates the genesis block or restores the runtimes after a
 * restart, then executes and commits one block at a time.
 *
 * <p>A block runs on the calling thread, deterministically: before-transactions hooks, each
 * transaction in isolation, after-transactions hooks, the lifecycle changes of the block, then the
 * header (state, transaction and error hashes), signed by this validator. The whole block reaches
 * the database in one atomic write; if anything goes wrong before that, nothing of it does.
 */
public final class Blockchain implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Blockchain.class);

  private final Database db;
  private final Dispatcher dispatcher;
  private final KeyPair consensusKeys;
  private final Optional<Broadcaster> broadcaster;

  /**
   * The latest block this object committed or read, with its hash. Every block starts from the
   * previous header, and callers ask for the latest one between blocks; parsing it back from the
   * database each time cost more than the rest of a small block's bookkeeping. It is used only
   * while the database's latest block hash equals its hash, so it can never stand for another
   * block, whoever wrote the database.
   */
  private volatile @Nullable Head head;

  private record Head(Block block, Hash hash) {}

  private Blockchain(
      Database db,
      Map<Integer, Runtime> runtimes,
      KeyPair consensusKeys,
      Optional<Broadcaster> broadcaster) {
    this.db = db;
    this.dispatcher = new Dispatcher(db, runtimes, new CoreRecordsOverSchema());
    this.consensusKeys = consensusKeys;
    this.broadcaster = broadcaster;
  }

  /**
   * Opens the blockchain in {@code db}: creates the genesis block from {@code genesis} if the
   * database has none, and otherwise restores every artifact, service and migration.
   *
   * @param consensusKeys this validator's consensus key pair, which signs blocks
   * @param broadcaster submits this node's service transactions; empty on a node that is not a
   *     validator
   * @param genesisTime the time of the genesis block, if it is created now
   * @throws IllegalArgumentException if the genesis configuration is invalid
   * @throws io.polyhost.host.dispatcher.NodeHaltException if the state cannot be restored
   */
  public static Blockchain open(
      Database db,
      Map<Integer, Runtime> runtimes,
      GenesisConfigProto genesis,
      KeyPair consensusKeys,
      Optional<Broadcaster> broadcaster,
      Instant genesisTime) {
    Blockchain chain = new Blockchain(db, runtimes, consensusKeys, broadcaster);
    try {
      chain.dispatcher.initialize(chain.environment());
      boolean fresh = chain.read(core -> !core.hasGenesis());
      if (fresh) {
        chain.createGenesis(genesis, genesisTime);
      } else {
        try (Snapshot snapshot = db.snapshot()) {
          chain.dispatcher.restore(snapshot);
        }
        LOG.info("Restored the blockchain at height {}", chain.height());
      }
      return chain;
    } catch (RuntimeException e) {
      chain.close();
      throw e;
    }
  }

  /** The height of the latest committed block. */
  public long height() {
    return read(CoreSchema::height);
  }

  /** The latest committed block. */
  public Block lastBlock() {
    return read(core -> head(core).block());
  }

  /** The dispatcher, for pre-checks ({@code check_tx}) and read views. */
  public Dispatcher dispatcher() {
    return dispatcher;
  }

  /** Runs {@code reader} on the core schema of the latest committed state. */
  public <T> T read(Function<CoreSchema, T> reader) {
    try (Snapshot snapshot = db.snapshot()) {
      return reader.apply(CoreSchema.over(snapshot));
    }
  }

  /**
   * Runs {@code reader} on the latest committed snapshot itself: for answers that combine core and
   * service indexes of one state, such as a block proof with the proof of a service's entry.
   */
  public <T> T readSnapshot(Function<Snapshot, T> reader) {
    try (Snapshot snapshot = db.snapshot()) {
      return reader.apply(snapshot);
    }
  }

  /**
   * Runs {@code reader} on the latest committed state as services see it (the dispatcher's view):
   * for REST endpoints and the ordering engine.
   */
  public <T> T readState(Function<io.polyhost.api.runtime.BlockchainData, T> reader) {
    try (Snapshot snapshot = db.snapshot()) {
      return reader.apply(dispatcher.view(snapshot));
    }
  }

  /**
   * Executes the next block with {@code transactions} (already verified) at {@code time}, and
   * commits it.
   *
   * @return the committed block's header
   * @throws IllegalArgumentException if a transaction is already committed or repeated, or {@code
   *     time} is before the previous block's time
   * @throws io.polyhost.host.dispatcher.NodeHaltException if the node cannot process the block
   */
  public Block commitBlock(List<SignedTransaction> transactions, Instant time) {
    return commitBlock(transactions, time, consensusKeys);
  }

  /**
   * Like {@link #commitBlock(List, Instant)}, with the block proposed and certified by the
   * validator holding {@code proposerKeys}: for tests that simulate a network of validators in one
   * process, e.g. one where this node is not (or no longer) a validator.
   *
   * @throws IllegalArgumentException also if {@code proposerKeys} are not a validator's
   */
  public Block commitBlock(
      List<SignedTransaction> transactions, Instant time, KeyPair proposerKeys) {
    Block block;
    try (Fork fork = db.fork()) {
      CoreSchema core = CoreSchema.over(fork);
      Head previous = head(core);
      if (time.isBefore(previous.block().time())) {
        throw new IllegalArgumentException(
            "Block time " + time + " is before the previous block's " + previous.block().time());
      }
      BlockSigner signer = BlockSigner.of(core.validatorKeys(), proposerKeys);
      BlockInfo info = new BlockInfo(core.nextHeight(), time);
      // Opened once for the whole block: each opening of a group member goes through the registry.
      CallErrors errors = core.callErrors(info.height());
      for (HookError e : dispatcher.beforeTransactions(fork, info)) {
        errors.save(new CallInBlock.BeforeTransactions(e.instanceId()), e.error());
      }
      executeTransactions(fork, core, errors, info, transactions);
      for (HookError e : dispatcher.afterTransactions(fork, info)) {
        errors.save(new CallInBlock.AfterTransactions(e.instanceId()), e.error());
      }
      dispatcher.activatePending(fork);
      // The remembered hash: hashing a header serializes it again.
      block = seal(fork, core, errors, info, transactions.size(), previous.hash(), signer);
    }
    afterCommit();
    return block;
  }

  @Override
  public void close() {
    dispatcher.close();
  }

  private void executeTransactions(
      Fork fork,
      CoreSchema core,
      CallErrors errors,
      BlockInfo info,
      List<SignedTransaction> transactions) {
    // All bookkeeping first, in one step per block: it refuses a block with a committed or
    // repeated transaction before anything runs, and hashes the block's list once. Services
    // cannot see these core indexes, so writing them before execution changes no outcome.
    core.appendAllToBlock(info.height(), transactions);
    for (int i = 0; i < transactions.size(); i++) {
      int index = i;
      dispatcher
          .execute(fork, info, transactions.get(i))
          .ifPresent(e -> errors.save(new CallInBlock.Transaction(index), e));
    }
  }

  /** Writes the header and certificate, then commits the fork as one patch. */
  private Block seal(
      Fork fork,
      CoreSchema core,
      CallErrors errors,
      BlockInfo info,
      int txCount,
      Hash prevHash,
      BlockSigner signer) {
    Block block =
        new Block(
            signer.validator(),
            info.height(),
            txCount,
            prevHash,
            core.txHash(info.height()),
            fork.stateHash(),
            errors.hash(),
            AdditionalHeaders.empty(),
            info.time());
    Hash hash = core.saveBlock(block);
    core.saveCertificate(signer.certifyAlone(block, hash));
    CommitPlan plan = dispatcher.prepareCommit(fork);
    Patch patch = fork.intoPatch();
    dispatcher.applyCommit(patch, plan);
    db.merge(patch);
    head = new Head(block, hash);
    return block;
  }

  private void createGenesis(GenesisConfigProto genesis, Instant time) {
    if (!genesis.hasConsensusConfig()) {
      throw new IllegalArgumentException("The genesis configuration has no consensus config");
    }
    try (Fork fork = db.fork()) {
      CoreSchema core = CoreSchema.over(fork);
      core.setConsensusConfig(genesis.getConsensusConfig());
      BlockSigner signer = BlockSigner.of(core.validatorKeys(), consensusKeys);
      BlockInfo info = new BlockInfo(0, time);
      dispatcher.createGenesis(
          fork, info, genesis.getArtifactsList(), genesis.getBuiltinInstancesList());
      Block block = seal(fork, core, core.callErrors(0), info, 0, Hash.zero(), signer);
      LOG.info("Created the genesis block {}", block.hash());
    }
    afterCommit();
  }

  /** The latest block of {@code core}'s state with its hash, parsed only if not remembered. */
  private Head head(CoreSchema core) {
    Hash hash =
        core.lastBlockHash()
            .orElseThrow(() -> new IllegalStateException("There is no genesis block yet"));
    Head known = head;
    if (known != null && known.hash().equals(hash)) {
      return known;
    }
    Block block =
        core.block(hash)
            .orElseThrow(
                () -> new IllegalStateException("The latest block " + hash + " is not stored"));
    Head read = new Head(block, hash);
    head = read;
    return read;
  }

  private void afterCommit() {
    try (Snapshot snapshot = db.snapshot()) {
      int index = CoreSchema.over(snapshot).validatorKeys().indexOf(consensusKeys.publicKey());
      Optional<Integer> validatorId = index < 0 ? Optional.empty() : Optional.of(index);
      // Only validators report (deployments, migration hashes): an auditor's node broadcasts
      // nothing.
      dispatcher.afterCommit(
          snapshot, validatorId.isPresent() ? broadcaster : Optional.empty(), validatorId);
    }
  }

  private RuntimeEnvironment environment() {
    return new RuntimeEnvironment() {
      @Override
      public <T> T readLatest(Function<io.polyhost.api.runtime.BlockchainData, T> reader) {
        try (Snapshot snapshot = db.snapshot()) {
          if (!CoreSchema.over(snapshot).hasGenesis()) {
            throw new IllegalStateException("The node has no genesis block yet");
          }
          return reader.apply(dispatcher.view(snapshot));
        }
      }

      @Override
      public <T> T readLatestProven(
          BiFunction<io.polyhost.api.runtime.BlockchainData, StateProver, T> reader) {
        try (Snapshot snapshot = db.snapshot()) {
          CoreSchema core = CoreSchema.over(snapshot);
          if (!core.hasGenesis()) {
            throw new IllegalStateException("The node has no genesis block yet");
          }
          StateProver prover =
              (name, entries) -> {
                BlockProof block =
                    core.proofs()
                        .blockProof(core.height())
                        .orElseThrow(() ->
                            new IllegalStateException(
                                "Block " + core.height() + " has no certificate to prove with"));
                return new StateProof(block, snapshot.indexProof(name), entries);
              };
          return reader.apply(dispatcher.view(snapshot), prover);
        }
      }
    };
  }
}
