package io.polyhost.host.testing;

import com.google.protobuf.ByteString;
import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.CallInBlock;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.ArtifactSpecProto;
import io.polyhost.api.proto.CallInfoProto;
import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.proto.GenesisConfigProto;
import io.polyhost.api.proto.InstanceInitParamsProto;
import io.polyhost.api.proto.ValidatorKeysProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.SupervisorExtensions;
import io.polyhost.host.blockchain.Blockchain;
import io.polyhost.storage.Database;
import io.polyhost.storage.RocksDbDatabase;
import io.polyhost.storage.Snapshot;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A single-validator blockchain on a real RocksDB for dispatcher and blockchain tests: genesis from
 * builtin artifacts and instances, blocks made of given transactions, restarts with fresh runtimes.
 * Instance 0 is a supervisor whose method 0 runs {@link Actions}, so tests can use the supervisor
 * extensions inside blocks.
 */
public final class TestChain implements AutoCloseable {
  /** The artifact of the test supervisor. */
  public static final ArtifactId SUPERVISOR = ArtifactId.parse("1:test-supervisor:1.0.0");

  public static final Instant GENESIS_TIME = Instant.parse("2026-01-01T00:00:00Z");

  /** The only validator's consensus and service keys. */
  public static final KeyPair VALIDATOR = KeyPair.fromSeed(new byte[32]);

  private final Path dir;
  private final Supplier<Map<Integer, Runtime>> runtimes;
  private final GenesisConfigProto genesis;
  private final AtomicInteger nonce = new AtomicInteger();
  private RocksDbDatabase db;
  private Blockchain chain;
  private Map<Integer, Runtime> current;

  private TestChain(
      Path dir, Supplier<Map<Integer, Runtime>> runtimes, GenesisConfigProto genesis) {
    this.dir = dir;
    this.runtimes = runtimes;
    this.genesis = genesis;
    this.db = RocksDbDatabase.open(dir);
    this.current = runtimes.get();
    try {
      this.chain = open();
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** A builder for a chain in {@code dir}. */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** Builds test chains. */
  public static final class Builder {
    private final Path dir;
    private final List<ArtifactSpecProto> artifacts = new ArrayList<>();
    private final List<InstanceInitParamsProto> instances = new ArrayList<>();

    private Builder(Path dir) {
      this.dir = dir;
      artifact(SUPERVISOR);
      instance(new InstanceSpec(0, "supervisor", SUPERVISOR), new byte[0]);
    }

    public Builder artifact(ArtifactId artifact) {
      artifacts.add(ArtifactSpecProto.newBuilder().setArtifact(artifact.toProto()).build());
      return this;
    }

    public Builder instance(InstanceSpec spec, byte[] constructor) {
      instances.add(
          InstanceInitParamsProto.newBuilder()
              .setInstanceSpec(spec.toProto())
              .setConstructor(ByteString.copyFrom(constructor))
              .build());
      return this;
    }

    /**
     * Starts the chain with runtimes made by {@code runtimes}, called again on every restart; the
     * runtime with id 1 must offer {@link #SUPERVISOR} (see {@link TestChain#withSupervisor}).
     */
    public TestChain start(Supplier<Map<Integer, Runtime>> runtimes) {
      return new TestChain(dir, runtimes, genesis());
    }

    /** The genesis configuration: one validator ({@link #VALIDATOR}) and the builtins. */
    public GenesisConfigProto genesis() {
      var keys =
          ValidatorKeysProto.newBuilder()
              .setConsensusKey(VALIDATOR.publicKey().toProto())
              .setServiceKey(VALIDATOR.publicKey().toProto());
      var config =
          ConsensusConfigProto.newBuilder()
              .addValidatorKeys(keys)
              .setTxsBlockLimit(1000)
              .setMaxMessageLen(1 << 20)
              .setMinProposeTimeout(10)
              .setMaxProposeTimeout(200)
              .build();
      return GenesisConfigProto.newBuilder()
          .setConsensusConfig(config)
          .addAllArtifacts(artifacts)
          .addAllBuiltinInstances(instances)
          .build();
    }
  }

  /** {@code runtime} offering the test supervisor artifact as well. */
  public static TestRuntime withSupervisor(TestRuntime runtime) {
    return runtime.offer(SUPERVISOR, Actions::service);
  }

  /** The runtimes of the current run. */
  public Map<Integer, Runtime> runtimes() {
    return current;
  }

  public Blockchain chain() {
    return chain;
  }

  /** Commits a block with {@code txs}, one second after the previous block. */
  public Block block(SignedTransaction... txs) {
    Instant time = chain.lastBlock().time().plus(Duration.ofSeconds(1));
    return chain.commitBlock(List.of(txs), time);
  }

  /** A transaction calling {@code methodId} of {@code instanceId}, by a fresh author. */
  public SignedTransaction tx(int instanceId, int methodId, byte[] arguments) {
    byte[] seed = ByteBuffer.allocate(32).putInt(nonce.incrementAndGet()).putInt(7).array();
    AnyTxProto tx =
        AnyTxProto.newBuilder()
            .setCallInfo(CallInfoProto.newBuilder().setInstanceId(instanceId).setMethodId(methodId))
            .setArguments(ByteString.copyFrom(arguments))
            .build();
    return SignedMessage.sign(KeyPair.fromSeed(seed), tx);
  }

  /** A transaction that makes the supervisor run {@code action} with its extensions. */
  public SignedTransaction supervise(Consumer<SupervisorExtensions> action) {
    return tx(
        0, 0, Actions.register(ctx -> action.accept(ctx.supervisorExtensions().orElseThrow())));
  }

  /**
   * A transaction that makes instance {@code instanceId} (running {@link Actions}) run {@code
   * action}.
   */
  public SignedTransaction run(int instanceId, Consumer<ExecutionContext> action) {
    return tx(instanceId, 0, Actions.register(action));
  }

  /** The error recorded for {@code tx}, which must be committed. */
  public Optional<ExecutionError> error(SignedTransaction tx) {
    return chain.read(core -> {
      var location = core.location(tx.hash()).orElseThrow();
      return core.callErrors(location.blockHeight()).get(location.call());
    });
  }

  /** The error recorded at {@code call} of block {@code height}. */
  public Optional<ExecutionError> error(long height, CallInBlock call) {
    return chain.read(core -> core.callErrors(height).get(call));
  }

  /** Reads the committed state as services see it. */
  public <T> T read(Function<BlockchainData, T> reader) {
    try (Snapshot snapshot = db.snapshot()) {
      return reader.apply(chain.dispatcher().view(snapshot));
    }
  }

  /** Runs {@code reader} on a snapshot of the committed database, e.g. for state-hash proofs. */
  public <T> T snapshot(Function<Snapshot, T> reader) {
    try (Snapshot snapshot = db.snapshot()) {
      return reader.apply(snapshot);
    }
  }

  /** Closes the node and opens it again on the same data with fresh runtimes. */
  public void restart() {
    restart(database -> {});
  }

  /**
   * Closes the node, runs {@code maintenance} on its database while it is stopped (as the CLI's
   * maintenance commands do), and opens it again with fresh runtimes.
   */
  public void restart(Consumer<Database> maintenance) {
    chain.close();
    db.close();
    db = RocksDbDatabase.open(dir);
    maintenance.accept(db);
    current = runtimes.get();
    chain = open();
  }

  /** The node's database, for reading what the blockchain's views do not show. */
  public Database database() {
    return db;
  }

  @Override
  public void close() {
    chain.close();
    db.close();
  }

  private Blockchain open() {
    return Blockchain.open(
        db, new LinkedHashMap<>(current), genesis, VALIDATOR, Optional.empty(), GENESIS_TIME);
  }
}
