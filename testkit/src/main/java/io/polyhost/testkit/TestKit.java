package io.polyhost.testkit;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.CallInBlock;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.ServiceInterfaceProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.host.blockchain.Blockchain;
import io.polyhost.supervisor.proto.ConfigChange;
import io.polyhost.supervisor.proto.FreezeService;
import io.polyhost.supervisor.proto.MigrationState;
import io.polyhost.supervisor.proto.ResumeService;
import io.polyhost.supervisor.proto.ServiceConfig;
import io.polyhost.supervisor.proto.StartService;
import io.polyhost.supervisor.proto.StopService;
import io.polyhost.supervisor.proto.UnloadArtifact;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An in-process Polyhost blockchain for testing services: the real dispatcher, Java and JavaScript
 * runtimes and supervisor over a real RocksDB database, with blocks made when the test asks and at
 * the times it chooses. Validator 0 of the network is this node; the other validators exist as keys
 * the kit signs with, so consensus-wide operations (deploy, proposals, migrations) complete in a
 * few blocks.
 *
 * <pre>{@code
 * try (TestKit kit = TestKit.builder().withArtifact(walletJar).withService("wallet", "wallet").start()) {
 *   KeyPair alice = kit.keys("alice");
 *   kit.execute(kit.tx(alice, "wallet", "create", CreateWallet.newBuilder().setName("Alice").build()))
 *       .requireOk();
 *   EndpointResponse wallet = kit.get("wallet", "wallet?key=" + alice.publicKey());
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one test thread drives a kit.
 */
public final class TestKit implements AutoCloseable {
  private final KitNode node;
  private final Validators validators;
  private final Duration blockInterval;
  private final KitPool pool;
  private final Supervision supervision;
  private Instant nextBlockTime;

  private TestKit(KitNode node, TestKitBuilder spec) {
    this.node = node;
    this.validators = node.validators();
    this.blockInterval = spec.blockInterval;
    this.pool = node.pool();
    this.supervision = new Supervision(this);
    this.nextBlockTime = chain().lastBlock().time().plus(blockInterval);
  }

  /** The system property naming the artifact file a project's build packaged, for its tests. */
  public static final String PACKAGED_ARTIFACT = "polyhost.artifact.jar";

  /**
   * The artifact file the project's build packaged, named by system property {@value
   * #PACKAGED_ARTIFACT} (set by the project's failsafe configuration), for integration tests that
   * deploy it as a node would.
   *
   * @throws IllegalStateException if the property is not set or names no file
   */
  public static Path packagedArtifact() {
    String name = System.getProperty(PACKAGED_ARTIFACT);
    if (name == null) {
      throw new IllegalStateException(
          PACKAGED_ARTIFACT
              + " is not set: run the *IT tests through Maven, whose failsafe configuration sets it"
              + " to the packaged file");
    }
    Path file = Path.of(name);
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " does not exist: package the project first");
    }
    return file;
  }

  /** Starts configuring a kit. */
  public static TestKitBuilder builder() {
    return new TestKitBuilder();
  }

  static TestKit start(TestKitBuilder spec) {
    return new TestKit(KitNode.start(spec), spec);
  }

  // ---- keys and transactions ----

  /** Keys derived from {@code name}: the same in every run, different for every name. */
  public KeyPair keys(String name) {
    return KeyPair.fromSeed(
        Hash.sha256(("testkit:" + name).getBytes(StandardCharsets.UTF_8)).toBytes());
  }

  /** A transaction calling method {@code methodId} of {@code service}, signed by {@code author}. */
  public SignedTransaction tx(KeyPair author, String service, int methodId, byte[] arguments) {
    return Transactions.sign(author, instance(service).spec().id(), methodId, arguments);
  }

  /**
   * A transaction calling the method named {@code method} (as the service's interface publishes it)
   * with raw {@code arguments}.
   *
   * @throws IllegalArgumentException if the service has no such method
   */
  public SignedTransaction tx(KeyPair author, String service, String method, byte[] arguments) {
    return tx(author, service, methodId(service, method), arguments);
  }

  /** A transaction calling {@code method} with a protobuf message as its argument. */
  public SignedTransaction tx(
      KeyPair author, String service, String method, MessageLite arguments) {
    return tx(author, service, method, arguments.toByteArray());
  }

  /**
   * A transaction calling {@code method} with JSON text as its argument, as JavaScript services
   * take it by default.
   */
  public SignedTransaction jsonTx(KeyPair author, String service, String method, String json) {
    return tx(author, service, method, json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The id of the method named {@code method} in the interface {@code service}'s artifact
   * publishes.
   */
  public int methodId(String service, String method) {
    return Transactions.methodId(service, serviceInterface(service), method);
  }

  /**
   * What {@code service}'s artifact publishes about its transactions.
   *
   * @throws IllegalArgumentException if its runtime publishes nothing for it
   */
  public ServiceInterfaceProto serviceInterface(String service) {
    ArtifactId artifact = instance(service).spec().artifact();
    return runtime(artifact.runtimeId())
        .artifactInterface(artifact)
        .orElseThrow(() ->
            new IllegalArgumentException(artifact + " publishes no interface to find methods in"));
  }

  // ---- the pool and blocks ----

  /**
   * Puts transactions into the pool, where the next {@link #createBlock()} takes them.
   *
   * @throws IllegalArgumentException if a transaction fails the node's pre-check (its service does
   *     not exist or is not active) or is committed already
   */
  public void submit(SignedTransaction... transactions) {
    for (SignedTransaction tx : transactions) {
      Optional<ExecutionError> rejected =
          chain().dispatcher().checkTx(tx.transaction().getCallInfo().getInstanceId());
      if (rejected.isPresent()) {
        throw new IllegalArgumentException("The pool refuses " + tx.hash() + ": " + rejected.get());
      }
      if (isCommitted(tx.hash())) {
        throw new IllegalArgumentException("Transaction " + tx.hash() + " is committed already");
      }
      pool.add(tx);
    }
  }

  /**
   * What the pool holds: submitted transactions and the node's own broadcasts, not yet in a block.
   */
  public List<SignedTransaction> pool() {
    return pool.snapshot();
  }

  /** Commits a block with everything in the pool. */
  public Block createBlock() {
    commit(pool.drain());
    return lastBlock();
  }

  /** Commits a block with exactly {@code transactions} (in this order); the pool keeps the rest. */
  public Block createBlockWith(SignedTransaction... transactions) {
    commit(List.of(transactions));
    return lastBlock();
  }

  /** Commits empty blocks until the chain is at {@code height}. */
  public void createBlocksUntil(long height) {
    while (height() < height) {
      commit(List.of());
    }
  }

  /** Commits a block with {@code tx} alone and returns its outcome. */
  public TxResult execute(SignedTransaction tx) {
    return commit(List.of(tx)).getFirst();
  }

  /**
   * The outcome of a committed transaction.
   *
   * @throws IllegalArgumentException if it is not committed
   */
  public TxResult result(Hash txHash) {
    return chain()
        .read(core -> {
          var location =
              core.location(txHash)
                  .orElseThrow(() ->
                      new IllegalArgumentException("Transaction " + txHash + " is not committed"));
          return new TxResult(
              txHash,
              location.blockHeight(),
              core.callErrors(location.blockHeight()).get(location.call()));
        });
  }

  /** The outcome of committed {@code tx}. */
  public TxResult result(SignedTransaction tx) {
    return result(tx.hash());
  }

  /** The height of the latest block. */
  public long height() {
    return chain().height();
  }

  /** The latest block. */
  public Block lastBlock() {
    return chain().lastBlock();
  }

  // ---- time ----

  /** The time the next block will have. */
  public Instant nextBlockTime() {
    return nextBlockTime;
  }

  /**
   * Sets the next block's time; later blocks follow it at the block interval.
   *
   * @throws IllegalArgumentException if {@code time} is before the latest block's
   */
  public void setNextBlockTime(Instant time) {
    if (time.isBefore(lastBlock().time())) {
      throw new IllegalArgumentException(
          "Block times never go back: "
              + time
              + " is before the latest block's "
              + lastBlock().time());
    }
    this.nextBlockTime = time;
  }

  /** Moves the next block's time forward by {@code duration}. */
  public void advanceTime(Duration duration) {
    setNextBlockTime(nextBlockTime.plus(duration));
  }

  // ---- state ----

  /** Reads the committed state as services see it. */
  public <T> T read(Function<BlockchainData, T> reader) {
    return chain().readState(reader);
  }

  /**
   * Reads {@code service}'s own committed data (read-only).
   *
   * @throws IllegalArgumentException if there is no such service or its data is not readable
   */
  public <T> T readService(String service, Function<IndexAccess, T> reader) {
    return read(state ->
        reader.apply(
            state
                .forService(InstanceQuery.name(service))
                .orElseThrow(() ->
                    new IllegalArgumentException(
                        "Service '" + service + "' has no readable data"))));
  }

  /**
   * The committed state of the service named {@code name}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public InstanceState instance(String name) {
    return read(state -> state.instance(InstanceQuery.name(name)))
        .orElseThrow(
            () -> new IllegalArgumentException("There is no service named '" + name + "'"));
  }

  /**
   * Calls a public read endpoint of {@code service}, as {@code GET /api/services/{service}/{path}}
   * would: {@code path} may carry a query ({@code wallet?key=ab12}).
   *
   * @throws IllegalArgumentException if the service has no endpoint at that path (the node's 404)
   */
  public EndpointResponse get(String service, String path) {
    return endpoint(EndpointRequest.Scope.PUBLIC, service, path);
  }

  /** Like {@link #get}, on the private (administrators') listener. */
  public EndpointResponse getPrivate(String service, String path) {
    return endpoint(EndpointRequest.Scope.PRIVATE, service, path);
  }

  private EndpointResponse endpoint(EndpointRequest.Scope scope, String service, String path) {
    InstanceState state = instance(service);
    EndpointRequest request = Endpoints.request(scope, path);
    return runtime(state.spec().artifact().runtimeId())
        .handleEndpoint(state.spec(), request)
        .orElseThrow(() ->
            new IllegalArgumentException(
                "Service '"
                    + service
                    + "' has no "
                    + scope
                    + " endpoint '"
                    + request.path()
                    + "'"));
  }

  /** The validators' consensus keys, in order: what {@code StateProof.verifyMap} trusts. */
  public List<PublicKey> validatorKeys() {
    return validators.consensusPublicKeys();
  }

  // ---- lifecycle through the supervisor ----

  /**
   * Deploys an artifact the kit was given (or {@link #addArtifact added}) network-wide.
   *
   * @throws IllegalStateException with the supervisor's reason if the deploy fails
   */
  public void deploy(ArtifactId artifact) {
    supervision.deploy(artifact, node.deploySpec(artifact));
  }

  /**
   * Copies an artifact file into the kit's artifacts folder after start, e.g. a new version to
   * migrate to, and returns the artifact it declares.
   */
  public ArtifactId addArtifact(Path file) {
    return node.addArtifact(file);
  }

  /** Starts a service of a deployed artifact; it is active from the next block. Returns its id. */
  public int start(ArtifactId artifact, String name, byte[] config) {
    supervision.apply(
        ConfigChange.newBuilder()
            .setStartService(
                StartService.newBuilder()
                    .setArtifact(artifact.toProto())
                    .setName(name)
                    .setConfig(ByteString.copyFrom(config)))
            .build());
    return instance(name).spec().id();
  }

  /** Stops a service. */
  public void stop(String name) {
    int id = instance(name).spec().id();
    supervision.apply(
        ConfigChange.newBuilder()
            .setStopService(StopService.newBuilder().setInstanceId(id))
            .build());
  }

  /** Freezes a service: its data stays readable, its transactions are refused. */
  public void freeze(String name) {
    int id = instance(name).spec().id();
    supervision.apply(
        ConfigChange.newBuilder()
            .setFreezeService(FreezeService.newBuilder().setInstanceId(id))
            .build());
  }

  /** Resumes a stopped or frozen service with {@code params} for its resume hook. */
  public void resume(String name, byte[] params) {
    int id = instance(name).spec().id();
    supervision.apply(
        ConfigChange.newBuilder()
            .setResumeService(
                ResumeService.newBuilder().setInstanceId(id).setParams(ByteString.copyFrom(params)))
            .build());
  }

  /** Changes a configurable service's configuration (its verify and apply hooks run). */
  public void configure(String name, byte[] params) {
    int id = instance(name).spec().id();
    supervision.apply(
        ConfigChange.newBuilder()
            .setService(
                ServiceConfig.newBuilder().setInstanceId(id).setParams(ByteString.copyFrom(params)))
            .build());
  }

  /** Unloads a deployed artifact no service uses. */
  public void unload(ArtifactId artifact) {
    supervision.apply(
        ConfigChange.newBuilder()
            .setUnloadArtifact(UnloadArtifact.newBuilder().setArtifactId(artifact.toProto()))
            .build());
  }

  /**
   * One migration step of a stopped or frozen service towards a deployed {@code target}: its
   * migration script runs (and its result is committed) if its data needs one, or else the service
   * moves onto {@code target} (a fast-forward).
   *
   * @return the data version the service has afterwards
   * @throws IllegalStateException with the supervisor's reason if the step fails
   */
  public Version migrate(String service, ArtifactId target) {
    MigrationState state = supervision.migrate(service, target);
    return Version.parse(state.getVersion());
  }

  /**
   * Everything it takes to move a service onto {@code target}: deploys it if needed, stops the
   * service if active, runs the migration scripts until its data is at {@code target}'s version,
   * moves it onto {@code target}, and resumes it with empty parameters.
   */
  public void upgrade(String service, ArtifactId target) {
    if (!read(state -> state.artifacts().containsKey(target))) {
      deploy(target);
    }
    if (instance(service).isActive()) {
      stop(service);
    }
    for (int step = 0; step < 32 && !instance(service).spec().artifact().equals(target); step++) {
      migrate(service, target);
    }
    if (!instance(service).spec().artifact().equals(target)) {
      throw new IllegalStateException(service + " did not reach " + target + " in 32 steps");
    }
    resume(service, new byte[0]);
  }

  // ---- restart and close ----

  /** Stops the node (broadcasts in flight are lost) and opens it again on the same data. */
  public void restart() {
    node.restart();
  }

  /** The folder artifact files are deployed from. */
  public Path artifactsDir() {
    return node.artifactsDir();
  }

  /** Closes the chain and deletes its data, unless the builder was given a data folder. */
  @Override
  public void close() {
    node.close();
  }

  // ---- for the kit's own parts ----

  Validators validators() {
    return validators;
  }

  KitPool kitPool() {
    return pool;
  }

  /** Commits a block with exactly {@code txs} at the next block time; returns their outcomes. */
  List<TxResult> commit(List<SignedTransaction> txs) {
    List<SignedTransaction> fresh = new ArrayList<>();
    for (SignedTransaction tx : txs) {
      if (fresh.stream().noneMatch(t -> t.hash().equals(tx.hash()))) {
        fresh.add(tx);
      }
    }
    PublicKey proposer =
        PublicKey.fromProto(read(s -> s.consensusConfig().getValidatorKeys(0).getConsensusKey()));
    Instant time = nextBlockTime;
    chain().commitBlock(fresh, time, validators.consensusKeysOf(proposer));
    nextBlockTime = time.plus(blockInterval);
    pool.remove(fresh);
    return fresh.stream().map(tx -> result(tx.hash())).toList();
  }

  Optional<ExecutionError> afterTransactionsError(int instanceId) {
    long height = height();
    return chain()
        .read(core -> core.callErrors(height).get(new CallInBlock.AfterTransactions(instanceId)));
  }

  private boolean isCommitted(Hash hash) {
    return chain().read(core -> core.location(hash).isPresent());
  }

  private Blockchain chain() {
    return node.chain();
  }

  private Runtime runtime(int id) {
    return node.runtime(id)
        .orElseThrow(() -> new IllegalArgumentException("The kit has no runtime " + id));
  }
}
