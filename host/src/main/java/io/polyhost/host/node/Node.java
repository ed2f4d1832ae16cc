package io.polyhost.host.node;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.GenesisConfigProto;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.host.blockchain.Blockchain;
import io.polyhost.host.blockchain.CoreSchema;
import io.polyhost.host.ordering.EmbeddedOrdering;
import io.polyhost.host.ordering.EmbeddedOrderingConfig;
import io.polyhost.host.ordering.OrderingEngine;
import io.polyhost.host.pool.Admission;
import io.polyhost.host.pool.PoolConfig;
import io.polyhost.host.pool.TransactionPool;
import io.polyhost.storage.Database;
import io.polyhost.storage.Fork;
import io.polyhost.storage.RocksDbDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running single-validator node: the database, the runtimes behind the dispatcher, the
 * blockchain, the transaction pool and the embedded ordering engine.
 *
 * <p>Transactions enter through {@link #pool()}; the ordering engine cuts blocks from it and the
 * blockchain executes and commits them. The pool is persisted when the node closes and restored
 * when it starts; transactions that arrived after the last block are lost if the process is killed
 * (clients resubmit, as with any lost message).
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final Database db;
  private final TransactionPool pool;
  private final Blockchain blockchain;
  private final OrderingEngine ordering;
  private final KeyPair serviceKeys;
  private final List<Runnable> commitListeners;

  private Node(
      Database db,
      TransactionPool pool,
      Blockchain blockchain,
      OrderingEngine ordering,
      KeyPair serviceKeys,
      List<Runnable> commitListeners) {
    this.db = db;
    this.pool = pool;
    this.blockchain = blockchain;
    this.ordering = ordering;
    this.serviceKeys = serviceKeys;
    this.commitListeners = commitListeners;
  }

  /**
   * What a node needs besides its runtimes and keys.
   *
   * @param awaitsBlocks whether the committed state waits for later heights even without
   *     transactions (e.g. {@code Supervisor::awaitsBlocks}); empty blocks are cut while it holds
   */
  public record Config(
      Path dataDir,
      GenesisConfigProto genesis,
      PoolConfig pool,
      EmbeddedOrderingConfig ordering,
      Clock clock,
      Predicate<BlockchainData> awaitsBlocks) {
    /** A config where nothing in the state waits for blocks. */
    public Config(
        Path dataDir,
        GenesisConfigProto genesis,
        PoolConfig pool,
        EmbeddedOrderingConfig ordering,
        Clock clock) {
      this(dataDir, genesis, pool, ordering, clock, state -> false);
    }
  }

  /**
   * Opens the database in {@code config.dataDir()}, creates the genesis block or restores the
   * state, and starts cutting blocks.
   *
   * @throws IllegalArgumentException if the genesis configuration is invalid
   */
  public static Node start(
      Config config, Map<Integer, Runtime> runtimes, KeyPair consensusKeys, KeyPair serviceKeys) {
    RocksDbDatabase db = RocksDbDatabase.open(config.dataDir());
    AtomicReference<Blockchain> chain = new AtomicReference<>();
    TransactionPool pool =
        TransactionPool.create(
            config.pool(),
            hashes -> committedAmong(chain.get(), hashes),
            tx -> checkTx(chain.get(), tx));
    try {
      Blockchain blockchain =
          Blockchain.open(
              db,
              runtimes,
              config.genesis(),
              consensusKeys,
              Optional.of(new PoolBroadcaster(serviceKeys, pool)),
              config.clock().instant());
      chain.set(blockchain);
      restorePool(db, pool, blockchain);
      List<Runnable> commitListeners = new CopyOnWriteArrayList<>();
      OrderingEngine ordering =
          EmbeddedOrdering.create(
              pool,
              (txs, time) -> {
                blockchain.commitBlock(txs, time);
                notifyCommitted(commitListeners);
              },
              config.ordering(),
              config.clock(),
              blockchain.lastBlock().time(),
              () -> awaitsBlocks(blockchain, config.awaitsBlocks()));
      ordering.start();
      LOG.info("Node started at height {}", blockchain.height());
      return new Node(db, pool, blockchain, ordering, serviceKeys, commitListeners);
    } catch (RuntimeException e) {
      pool.close();
      Blockchain blockchain = chain.get();
      if (blockchain != null) {
        blockchain.close();
      }
      db.close();
      throw e;
    }
  }

  private static void notifyCommitted(List<Runnable> listeners) {
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.error("A block commit listener failed", e);
      }
    }
  }

  private static boolean awaitsBlocks(Blockchain blockchain, Predicate<BlockchainData> test) {
    try {
      return blockchain.readState(test::test);
    } catch (RuntimeException e) {
      LOG.warn("Cannot tell whether the state awaits blocks; cutting none: {}", e.toString());
      return false;
    }
  }

  /** The key this node signs its own transactions (supervisor requests, reports) with. */
  public PublicKey serviceKey() {
    return serviceKeys.publicKey();
  }

  /** Whether this node's service key belongs to a validator of the latest committed block. */
  public boolean isValidator() {
    return blockchain.read(core ->
        core.consensusConfig().orElseThrow().getValidatorKeysList().stream()
            .anyMatch(keys -> keys.getServiceKey().equals(serviceKeys.publicKey().toProto())));
  }

  /**
   * Signs a call of {@code methodId} on {@code instanceId} with this node's service key and submits
   * it to the pool, waiting for the pool's answer: how administrators' requests become
   * transactions.
   */
  public Admission submitAsNode(int instanceId, int methodId, byte[] arguments) {
    return pool.submitAndWait(
        PoolBroadcaster.sign(serviceKeys, instanceId, methodId, arguments).bytes());
  }

  /**
   * Runs {@code listener} on the block thread after each block this node commits, once the block is
   * readable: so that readers waiting for blocks (the block streams) need not poll the height. The
   * listener must return at once, e.g. only wake a thread of its own, since it delays the next
   * block; an exception it throws is logged and ignored.
   */
  public void onCommit(Runnable listener) {
    commitListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Where transactions enter. */
  public TransactionPool pool() {
    return pool;
  }

  /** The blockchain, to read committed state. */
  public Blockchain blockchain() {
    return blockchain;
  }

  /** Completes when block production stops; exceptionally with the reason if it failed. */
  public CompletionStage<Void> termination() {
    return ordering.termination();
  }

  /** Stops producing blocks, saves the pool and closes everything. */
  @Override
  public void close() {
    ordering.stop();
    List<SignedTransaction> pending = pool.transactions();
    pool.close();
    savePool(pending);
    blockchain.close();
    db.close();
    LOG.info("Node stopped with {} transactions saved in the pool", pending.size());
  }

  private void savePool(List<SignedTransaction> pending) {
    try (Fork fork = db.fork()) {
      var saved = CoreSchema.over(fork).pool();
      pending.forEach(saved::add);
      db.merge(fork.intoPatch());
    }
  }

  private static void restorePool(Database db, TransactionPool pool, Blockchain blockchain) {
    List<SignedTransaction> saved = new ArrayList<>();
    blockchain.read(core -> {
      var persisted = core.pool();
      for (Hash hash : persisted.hashes()) {
        persisted.get(hash).ifPresent(saved::add);
      }
      return saved.size();
    });
    pool.restore(saved);
    try (Fork fork = db.fork()) {
      var persisted = CoreSchema.over(fork).pool();
      saved.forEach(tx -> persisted.remove(tx.hash()));
      db.merge(fork.intoPatch());
    }
  }

  private static Optional<io.polyhost.api.error.ExecutionError> checkTx(
      @Nullable Blockchain chain, SignedTransaction tx) {
    // Before the blockchain is open (only its own genesis hooks can submit then), the check is
    // left to the proposal, which runs it again.
    return chain == null ? Optional.empty() : chain.dispatcher().checkTx(tx.instanceId());
  }

  /** One snapshot for all of {@code hashes}: a verifier task's worth. */
  private static Set<Hash> committedAmong(@Nullable Blockchain chain, Collection<Hash> hashes) {
    if (chain == null) {
      return Set.of();
    }
    return chain.read(core -> core.committedAmong(hashes));
  }
}
