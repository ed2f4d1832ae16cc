package io.polyhost.host.supervisor;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import io.polyhost.api.blockchain.Block;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.ArtifactSpecProto;
import io.polyhost.api.proto.CallInfoProto;
import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.proto.ExecutionStatusProto;
import io.polyhost.api.proto.GenesisConfigProto;
import io.polyhost.api.proto.InstanceInitParamsProto;
import io.polyhost.api.proto.ValidatorKeysProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.Broadcaster;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.api.service.MigrationProvider;
import io.polyhost.api.service.ServiceFactory;
import io.polyhost.host.blockchain.Blockchain;
import io.polyhost.runtime.java.JavaRuntime;
import io.polyhost.runtime.js.JsRuntime;
import io.polyhost.storage.RocksDbDatabase;
import io.polyhost.supervisor.Supervisor;
import io.polyhost.supervisor.SupervisorSchema;
import io.polyhost.supervisor.proto.ConfigChange;
import io.polyhost.supervisor.proto.ConfigPropose;
import io.polyhost.supervisor.proto.ConfigVote;
import io.polyhost.supervisor.proto.DeployRequest;
import io.polyhost.supervisor.proto.DeployResult;
import io.polyhost.supervisor.proto.SupervisorMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A blockchain with the real supervisor on the real Java and JavaScript runtimes, seen from one
 * node ("us", validator 0) of a network of several validators simulated in-process: every validator
 * has its own keys; the other validators' transactions are signed by the test. What our node
 * broadcasts (deploy and migration reports) collects in a pool that the next block takes in.
 */
final class SupervisedChain implements AutoCloseable {
  static final Instant GENESIS_TIME = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Path dir;
  private final Builder spec;
  private final List<SignedTransaction> pool = new ArrayList<>();
  private RocksDbDatabase db;
  private Blockchain chain;

  private SupervisedChain(Builder spec) {
    this.dir = spec.dir;
    this.spec = spec;
    this.db = RocksDbDatabase.open(dir.resolve("db"));
    this.chain = open();
  }

  static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** Configures a chain: validators, supervisor mode, artifacts and genesis services. */
  static final class Builder {
    private final Path dir;
    private int validators = 1;
    private SupervisorMode mode = SupervisorMode.SIMPLE;
    private final Map<ArtifactId, ServiceFactory> javaArtifacts = new LinkedHashMap<>();
    private final Map<ArtifactId, MigrationProvider> migrations = new LinkedHashMap<>();
    private final List<ArtifactId> genesisArtifacts = new ArrayList<>();
    private final List<InstanceInitParamsProto> genesisServices = new ArrayList<>();
    private final Map<Integer, java.util.function.Supplier<Runtime>> extraRuntimes =
        new LinkedHashMap<>();
    private byte[] supervisorConfig = new byte[0];
    private boolean supervisorConfigSet;

    private Builder(Path dir) {
      this.dir = dir;
    }

    Builder validators(int count) {
      this.validators = count;
      return this;
    }

    Builder mode(SupervisorMode mode) {
      this.mode = mode;
      return this;
    }

    /** The supervisor's constructor bytes, instead of a well-formed config for the mode. */
    Builder supervisorConfig(byte[] config) {
      this.supervisorConfig = config.clone();
      this.supervisorConfigSet = true;
      return this;
    }

    /** A Java artifact compiled into the test, deployable through the supervisor (empty spec). */
    Builder javaArtifact(ArtifactId artifact, ServiceFactory factory) {
      javaArtifacts.put(artifact, factory);
      return this;
    }

    /** A Java artifact with migration scripts. */
    Builder javaArtifact(ArtifactId artifact, ServiceFactory factory, MigrationProvider scripts) {
      javaArtifacts.put(artifact, factory);
      migrations.put(artifact, scripts);
      return this;
    }

    /** Another runtime with id {@code id}, made afresh at every (re)start. */
    Builder runtime(int id, java.util.function.Supplier<Runtime> runtime) {
      extraRuntimes.put(id, runtime);
      return this;
    }

    /** A service created in the genesis block from a Java artifact registered above. */
    Builder genesisService(InstanceSpec spec, byte[] constructor) {
      if (!genesisArtifacts.contains(spec.artifact())) {
        genesisArtifacts.add(spec.artifact());
      }
      genesisServices.add(
          InstanceInitParamsProto.newBuilder()
              .setInstanceSpec(spec.toProto())
              .setConstructor(ByteString.copyFrom(constructor))
              .build());
      return this;
    }

    SupervisedChain start() {
      return new SupervisedChain(this);
    }

    GenesisConfigProto genesis() {
      ConsensusConfigProto.Builder consensus =
          ConsensusConfigProto.newBuilder()
              .setTxsBlockLimit(1000)
              .setMaxMessageLen(1 << 20)
              .setMinProposeTimeout(10)
              .setMaxProposeTimeout(200);
      for (int i = 0; i < validators; i++) {
        consensus.addValidatorKeys(
            ValidatorKeysProto.newBuilder()
                .setConsensusKey(consensusKeys(i).publicKey().toProto())
                .setServiceKey(serviceKeys(i).publicKey().toProto()));
      }
      GenesisConfigProto.Builder genesis =
          GenesisConfigProto.newBuilder()
              .setConsensusConfig(consensus)
              .addArtifacts(
                  ArtifactSpecProto.newBuilder().setArtifact(Supervisor.ARTIFACT.toProto()))
              .addBuiltinInstances(
                  InstanceInitParamsProto.newBuilder()
                      .setInstanceSpec(Supervisor.SPEC.toProto())
                      .setConstructor(
                          ByteString.copyFrom(
                              supervisorConfigSet ? supervisorConfig : Supervisor.config(mode))));
      genesisArtifacts.forEach(
          a -> genesis.addArtifacts(ArtifactSpecProto.newBuilder().setArtifact(a.toProto())));
      genesis.addAllBuiltinInstances(genesisServices);
      return genesis.build();
    }
  }

  /** Validator {@code index}'s consensus keys. */
  static KeyPair consensusKeys(int index) {
    return KeyPair.fromSeed(seed(index, 1));
  }

  /** Validator {@code index}'s service keys, which sign its supervisor transactions. */
  static KeyPair serviceKeys(int index) {
    return KeyPair.fromSeed(seed(index, 2));
  }

  /**
   * Our node's index: validator 0 in the genesis block; a consensus change may make it an auditor
   * later.
   */
  int us() {
    return 0;
  }

  /** The consensus keys of the first validator of the current configuration, who proposes. */
  private KeyPair proposer() {
    PublicKey first =
        PublicKey.fromProto(
            read(state -> state.consensusConfig().getValidatorKeys(0).getConsensusKey()));
    for (int i = 0; i < 64; i++) {
      if (consensusKeys(i).publicKey().equals(first)) {
        return consensusKeys(i);
      }
    }
    throw new IllegalStateException("The first validator's keys are not known to the test");
  }

  /** Keys of someone who is not a validator. */
  static KeyPair outsider() {
    return KeyPair.fromSeed(seed(999, 3));
  }

  private static byte[] seed(int index, int role) {
    return ByteBuffer.allocate(32).putInt(index).putInt(role).putInt(0x5eed).array();
  }

  /** The folder the runtimes deploy artifact files from. */
  Path artifactsDir() {
    return dir.resolve("artifacts");
  }

  /** Writes an artifact file (a JS module, a JAR) into the artifacts folder. */
  Path writeArtifact(String fileName, byte[] content) {
    try {
      Files.createDirectories(artifactsDir());
      return Files.write(artifactsDir().resolve(fileName), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int validators() {
    return spec.validators;
  }

  /** A supervisor transaction of {@code methodId} signed by validator {@code validator}. */
  SignedTransaction tx(int validator, int methodId, Message arguments) {
    return sign(serviceKeys(validator), Supervisor.INSTANCE_ID, methodId, arguments.toByteArray());
  }

  /** A transaction calling {@code methodId} of {@code instanceId}, signed by {@code author}. */
  static SignedTransaction sign(KeyPair author, int instanceId, int methodId, byte[] arguments) {
    AnyTxProto tx =
        AnyTxProto.newBuilder()
            .setCallInfo(CallInfoProto.newBuilder().setInstanceId(instanceId).setMethodId(methodId))
            .setArguments(ByteString.copyFrom(arguments))
            .build();
    return SignedMessage.sign(author, tx);
  }

  /** Commits a block with what our node broadcast so far, then {@code txs}. */
  Block block(SignedTransaction... txs) {
    List<SignedTransaction> all;
    synchronized (pool) {
      all = new ArrayList<>(pool);
      pool.clear();
    }
    for (SignedTransaction tx : txs) {
      if (all.stream().noneMatch(t -> t.hash().equals(tx.hash()))) {
        all.add(tx);
      }
    }
    Instant time = chain.lastBlock().time().plus(Duration.ofSeconds(1));
    return chain.commitBlock(all, time, proposer());
  }

  /** Commits empty blocks (taking in our broadcasts) until the chain is at {@code height}. */
  void blocksUntil(long height) {
    while (height() < height) {
      block();
    }
  }

  long height() {
    return chain.height();
  }

  /** Waits until our node has broadcast a transaction that {@code test} accepts; returns it. */
  SignedTransaction awaitBroadcast(Predicate<SignedTransaction> test) {
    return poll(test, () -> {});
  }

  /**
   * Polls the pool for a transaction {@code test} accepts, running {@code between} after each miss,
   * until {@link #WAIT} passes.
   */
  private SignedTransaction poll(Predicate<SignedTransaction> test, Runnable between) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (pool) {
        for (SignedTransaction tx : pool) {
          if (test.test(tx)) {
            return tx;
          }
        }
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      between.run();
    }
    throw new AssertionError("Our node broadcast no such transaction within " + WAIT);
  }

  /** Waits for our node's report (method {@code methodId} of the supervisor). */
  SignedTransaction awaitReport(int methodId) {
    return awaitBroadcast(tx -> isReport(tx, methodId));
  }

  private static boolean isReport(SignedTransaction tx, int methodId) {
    return tx.transaction().getCallInfo().getInstanceId() == Supervisor.INSTANCE_ID
        && tx.transaction().getCallInfo().getMethodId() == methodId;
  }

  /**
   * Commits empty blocks until our node has broadcast report {@code methodId} (a migration result
   * appears only after its script finishes, and is reported after the next commit).
   */
  SignedTransaction blocksUntilReport(int methodId) {
    return poll(
        tx -> isReport(tx, methodId),
        () ->
            chain.commitBlock(
                List.of(), chain.lastBlock().time().plus(Duration.ofSeconds(1)), proposer()));
  }

  /**
   * Deploys {@code artifact} network-wide: every validator requests it, our node deploys and
   * reports, the others report success too.
   */
  void deployArtifact(ArtifactId artifact) {
    DeployRequest request = Proposals.deploy(artifact, height() + 20);
    List<SignedTransaction> requests = new ArrayList<>();
    for (int i = 0; i < validators(); i++) {
      requests.add(tx(i, Supervisor.Methods.REQUEST_ARTIFACT_DEPLOY, request));
    }
    block(requests.toArray(SignedTransaction[]::new));
    awaitReport(Supervisor.Methods.REPORT_DEPLOY_RESULT);
    block(othersReport(request));
    requireState(
        read(state -> state.artifacts().get(artifact)) == ArtifactStatus.ACTIVE,
        artifact + " did not become active");
  }

  /** The deploy reports of validators 1.. (all successful). */
  SignedTransaction[] othersReport(DeployRequest request) {
    List<SignedTransaction> reports = new ArrayList<>();
    for (int i = 1; i < validators(); i++) {
      reports.add(
          tx(
              i,
              Supervisor.Methods.REPORT_DEPLOY_RESULT,
              DeployResult.newBuilder()
                  .setRequest(request)
                  .setResult(ExecutionStatusProto.newBuilder().setOk(Empty.getDefaultInstance()))
                  .build()));
    }
    return reports.toArray(SignedTransaction[]::new);
  }

  /**
   * Applies {@code changes} as a proposal by validator 0 with as many votes as the mode needs, and
   * checks that the proposal was accepted and applied without error.
   */
  void applyChanges(ConfigChange... changes) {
    long number = supervisor(SupervisorSchema::configurationNumber);
    SupervisorMode mode = supervisor(s -> s.configuration().getMode());
    int quorum = mode == SupervisorMode.DECENTRALIZED ? validators() * 2 / 3 + 1 : 1;
    if (quorum == 1) {
      SignedTransaction propose =
          tx(0, Supervisor.Methods.PROPOSE_CONFIG_CHANGE, Proposals.propose(0, number, changes));
      block(propose);
      requireState(error(propose).isEmpty(), "proposal refused: " + error(propose));
    } else {
      long actualFrom = height() + 2;
      var proposal = Proposals.propose(actualFrom, number, changes);
      SignedTransaction propose = tx(0, Supervisor.Methods.PROPOSE_CONFIG_CHANGE, proposal);
      block(propose);
      requireState(error(propose).isEmpty(), "proposal refused: " + error(propose));
      block(votes(proposal, 1, quorum));
    }
    requireState(
        afterTransactionsError(height()).isEmpty(),
        "proposal failed when applied: " + afterTransactionsError(height()));
  }

  /**
   * Votes for {@code proposal} (as stored, hashed) by validators {@code from} to {@code to - 1}.
   */
  SignedTransaction[] votes(ConfigPropose proposal, int from, int to) {
    Hash hash = Hash.sha256(proposal.toByteArray());
    List<SignedTransaction> votes = new ArrayList<>();
    for (int i = from; i < to; i++) {
      votes.add(
          tx(
              i,
              Supervisor.Methods.CONFIRM_CONFIG_CHANGE,
              ConfigVote.newBuilder().setProposeHash(hash.toProto()).build()));
    }
    return votes.toArray(SignedTransaction[]::new);
  }

  /** The status of {@code artifact} in the registry; empty if it is not registered. */
  Optional<ArtifactStatus> artifact(ArtifactId artifact) {
    return Optional.ofNullable(read(state -> state.artifacts().get(artifact)));
  }

  /** The instance named {@code name}; fails if there is none. */
  InstanceState instance(String name) {
    return read(state -> state.instance(InstanceQuery.name(name)))
        .orElseThrow(() -> new AssertionError("No service named " + name));
  }

  private static void requireState(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }

  /** What our node broadcast and no block took in yet. */
  List<SignedTransaction> pooled() {
    synchronized (pool) {
      return List.copyOf(pool);
    }
  }

  /** The error recorded for committed {@code tx}, if it failed. */
  Optional<ExecutionError> error(SignedTransaction tx) {
    return chain.read(core -> {
      var location =
          core.location(tx.hash())
              .orElseThrow(
                  () -> new AssertionError("Transaction " + tx.hash() + " is not committed"));
      return core.callErrors(location.blockHeight()).get(location.call());
    });
  }

  /** The error of the supervisor's after-transactions hook in block {@code height}, if any. */
  Optional<ExecutionError> afterTransactionsError(long height) {
    return chain.read(core ->
        core.callErrors(height)
            .get(
                new io.polyhost.api.blockchain.CallInBlock.AfterTransactions(
                    Supervisor.INSTANCE_ID)));
  }

  /** Reads the committed state as services see it. */
  <T> T read(Function<BlockchainData, T> reader) {
    return chain.readState(reader);
  }

  /** Reads the supervisor's committed data. */
  <T> T supervisor(Function<SupervisorSchema, T> reader) {
    return read(state -> reader.apply(Supervisor.schema(state).orElseThrow()));
  }

  Blockchain chain() {
    return chain;
  }

  /** Stops the node (our broadcasts in flight are lost) and opens it again on the same data. */
  void restart() {
    chain.close();
    db.close();
    synchronized (pool) {
      pool.clear();
    }
    db = RocksDbDatabase.open(dir.resolve("db"));
    chain = open();
  }

  @Override
  public void close() {
    chain.close();
    db.close();
  }

  private Blockchain open() {
    return Blockchain.open(
        db, runtimes(), spec.genesis(), consensusKeys(0), Optional.of(broadcaster()), GENESIS_TIME);
  }

  private Map<Integer, Runtime> runtimes() {
    JavaRuntime java = new JavaRuntime(artifactsDir());
    java.registerBuiltin(Supervisor.ARTIFACT, Supervisor.factory());
    spec.javaArtifacts.forEach((artifact, factory) -> {
      MigrationProvider scripts = spec.migrations.get(artifact);
      if (scripts == null) {
        java.registerBuiltin(artifact, factory);
      } else {
        java.registerBuiltin(artifact, factory, scripts);
      }
    });
    Map<Integer, Runtime> runtimes = new LinkedHashMap<>();
    runtimes.put(RuntimeId.JAVA, java);
    runtimes.put(RuntimeId.JAVASCRIPT, new JsRuntime(artifactsDir()));
    spec.extraRuntimes.forEach((id, runtime) -> runtimes.put(id, runtime.get()));
    return runtimes;
  }

  private Broadcaster broadcaster() {
    KeyPair keys = serviceKeys(us());
    return new Broadcaster() {
      @Override
      public PublicKey serviceKey() {
        return keys.publicKey();
      }

      @Override
      public Hash broadcast(int instanceId, int methodId, byte[] arguments) {
        SignedTransaction tx = sign(keys, instanceId, methodId, arguments);
        if (chain.read(core -> core.location(tx.hash()).isPresent())) {
          throw new IllegalStateException("Transaction " + tx.hash() + " is committed already");
        }
        synchronized (pool) {
          if (pool.stream().noneMatch(t -> t.hash().equals(tx.hash()))) {
            pool.add(tx);
          }
        }
        return tx.hash();
      }
    };
  }
}
