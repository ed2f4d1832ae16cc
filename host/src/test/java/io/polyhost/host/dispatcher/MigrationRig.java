package io.polyhost.host.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.migration.InitMigrationException;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.proto.MigrationStatusProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.MigrationType;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.SupervisorExtensions;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.host.testing.Counter;
import io.polyhost.host.testing.TestChain;
import io.polyhost.host.testing.TestRuntime;
import io.polyhost.storage.Fork;
import io.polyhost.storage.Migration;
import io.polyhost.storage.RocksDbDatabase;
import io.polyhost.storage.Snapshot;
import io.polyhost.storage.index.IndexViews;
import io.polyhost.storage.migration.MigrationHelper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link TestChain} set up for migration tests: {@link Counter} services created at genesis from
 * {@link #OLD}, newer versions of the artifact to migrate to, and migration scripts that tests
 * choose per target artifact (and may change between restarts, as an operator fixing a node would).
 * Every operation goes through the supervisor inside a real block.
 */
final class MigrationRig implements AutoCloseable {
  static final ArtifactId OLD = ArtifactId.parse("1:counter:0.1.1");
  static final ArtifactId MID = ArtifactId.parse("1:counter:0.2.2");
  static final ArtifactId NEW = ArtifactId.parse("1:counter:0.3.7");

  /** Offered by the runtime but not registered at genesis. */
  static final ArtifactId LATE = ArtifactId.parse("1:counter:0.4.0");

  static final ArtifactId UNRELATED = ArtifactId.parse("1:unrelated:1.0.1");
  static final int FIRST_ID = 100;

  /** Scripts by target artifact: what {@code Runtime.migrate} answers. */
  final Map<ArtifactId, BiFunction<ArtifactId, Version, Optional<MigrationScript>>> scripts =
      new ConcurrentHashMap<>();

  final TestChain chain;
  private final Path scratch;
  private final AtomicInteger scratchDbs = new AtomicInteger();

  /**
   * A chain in {@code dir} with services {@code names} (ids 100, 101, ...) on {@link #OLD}; {@code
   * scratch} holds throwaway databases for expected hashes.
   */
  MigrationRig(Path dir, Path scratch, String... names) {
    this.scratch = scratch;
    var builder =
        TestChain.builder(dir).artifact(OLD).artifact(MID).artifact(NEW).artifact(UNRELATED);
    for (int i = 0; i < names.length; i++) {
      builder.instance(new InstanceSpec(FIRST_ID + i, names[i], OLD), new byte[0]);
    }
    this.chain = builder.start(this::runtimes);
  }

  private Map<Integer, Runtime> runtimes() {
    TestRuntime runtime = TestChain.withSupervisor(new TestRuntime(1, true));
    for (ArtifactId artifact : List.of(OLD, MID, NEW, LATE, UNRELATED)) {
      runtime.offer(artifact, Counter::new);
    }
    for (ArtifactId target : List.of(OLD, MID, NEW, LATE)) {
      runtime.migrations(target, this::migrate);
    }
    return Map.of(1, runtime);
  }

  private Optional<MigrationScript> migrate(ArtifactId target, Version dataVersion) {
    var forTarget = scripts.get(target);
    if (forTarget == null) {
      throw new InitMigrationException(target + " has no migration scripts");
    }
    return forTarget.apply(target, dataVersion);
  }

  /**
   * Makes {@code target} migrate data older than the script's end version with {@code script}, and
   * fast-forward data that is already there.
   */
  void script(ArtifactId target, MigrationScript script) {
    scripts.put(
        target,
        (artifact, version) ->
            version.compareTo(script.endVersion()) < 0 ? Optional.of(script) : Optional.empty());
  }

  /**
   * Requires {@code error} to be present, of {@code code}, its description naming each fragment.
   */
  static void requireError(
      Optional<ExecutionError> error, ErrorCode code, String... descriptionFragments) {
    assertThat(error).as("the expected %s error", code).isPresent();
    assertThat(error.get().is(code)).as("%s is %s", error.get(), code).isTrue();
    assertThat(error.get().description()).contains(descriptionFragments);
  }

  /** Runs {@code operation} inside a call; returns the error it threw, if any. */
  static Optional<ExecutionError> attempt(Runnable operation) {
    try {
      operation.run();
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.of(e.error());
    }
  }

  /** Makes migrations to {@code target} fast-forwards. */
  void fastForward(ArtifactId target) {
    scripts.put(target, (artifact, version) -> Optional.empty());
  }

  // ----- blocks -----

  /** Runs {@code action} as the supervisor in a block of its own; returns its error, if any. */
  Optional<ExecutionError> supervise(Consumer<SupervisorExtensions> action) {
    SignedTransaction tx = chain.supervise(action);
    chain.block(tx);
    return chain.error(tx);
  }

  /** Runs each action as a supervisor transaction, all in one block; returns their errors. */
  @SafeVarargs
  final List<Optional<ExecutionError>> superviseInOneBlock(
      Consumer<SupervisorExtensions>... actions) {
    List<SignedTransaction> txs = new ArrayList<>();
    for (var action : actions) {
      txs.add(chain.supervise(action));
    }
    chain.block(txs.toArray(SignedTransaction[]::new));
    return txs.stream().map(chain::error).toList();
  }

  /** Runs {@code action} as the supervisor and requires it to succeed. */
  void ok(Consumer<SupervisorExtensions> action) {
    assertThat(supervise(action)).as("error of the supervisor's call").isEmpty();
  }

  /** Starts migrating {@code service} to {@code target}; requires success. */
  MigrationType initiate(ArtifactId target, String service) {
    AtomicReference<MigrationType> type = new AtomicReference<>();
    ok(ext -> type.set(ext.initiateMigration(target, service)));
    return type.get();
  }

  void stop(String service) {
    int id = id(service);
    ok(ext -> ext.initiateStoppingService(id));
  }

  void freeze(String service) {
    int id = id(service);
    ok(ext -> ext.initiateFreezingService(id));
  }

  void commit(String service, Hash hash) {
    ok(ext -> ext.commitMigration(service, hash));
  }

  void flush(String service) {
    ok(ext -> ext.flushMigration(service));
  }

  void rollback(String service) {
    ok(ext -> ext.rollbackMigration(service));
  }

  /** Adds one to the count of {@code service} in a block. */
  void increment(String service) {
    SignedTransaction tx = chain.tx(id(service), 1, new byte[0]);
    chain.block(tx);
    assertThat(chain.error(tx)).isEmpty();
  }

  /** An empty block: its commit records the outcomes of finished scripts. */
  void emptyBlock() {
    chain.block();
  }

  /**
   * Requires committing a block with {@code txs} to halt the node without persisting anything of
   * the block; returns the halt.
   */
  NodeHaltException requireHalt(SignedTransaction... txs) {
    long height = height();
    Hash lastBlock = chain.chain().lastBlock().hash();
    AtomicReference<NodeHaltException> halt = new AtomicReference<>();
    assertThatThrownBy(() -> chain.block(txs))
        .isInstanceOfSatisfying(NodeHaltException.class, halt::set);
    assertThat(height()).as("height after the halt").isEqualTo(height);
    assertThat(chain.chain().lastBlock().hash()).isEqualTo(lastBlock);
    for (SignedTransaction tx : txs) {
      Optional<?> location = chain.chain().read(core -> core.location(tx.hash()));
      assertThat(location).as("location of a transaction of the halted block").isEmpty();
    }
    return halt.get();
  }

  /** The maintenance that lets a node rerun a migration script: the CLI's restart-migration. */
  void restartMigration(String service) {
    chain.restart(db -> {
      try (Fork fork = db.fork()) {
        fork.rollbackMigration(service);
        Dispatcher.removeLocalMigrationResult(fork, service);
        db.merge(fork.intoPatch());
      }
    });
  }

  // ----- reading -----

  long height() {
    return chain.chain().height();
  }

  int id(String service) {
    return state(service).spec().id();
  }

  InstanceState state(String service) {
    return chain
        .read(data -> data.instance(InstanceQuery.name(service)))
        .orElseThrow(() -> new AssertionError("No service " + service));
  }

  /** Reads the committed raw state. */
  <T> T raw(Function<Snapshot, T> reader) {
    try (Snapshot snapshot = chain.database().snapshot()) {
      return reader.apply(snapshot);
    }
  }

  Optional<MigrationStatusProto> localResult(String service) {
    return raw(s -> new DispatcherSchema(s).localMigrationResults().get(service));
  }

  /** The locally recorded hash of the migration of {@code service}; fails if there is none. */
  Hash localHash(String service) {
    MigrationStatusProto result =
        localResult(service).orElseThrow(() -> new AssertionError("No local result"));
    assertThat(result.hasHash()).as("local result %s", result).isTrue();
    return Hash.fromProto(result.getHash());
  }

  /** The migrated (not yet flushed) {@code entry} of {@code service}. */
  Optional<Long> migratedEntry(String service) {
    return raw(s -> Scripts.entry(IndexViews.over(Migration.of(s, service))).get());
  }

  /** The migration hash as the namespace's aggregator in the committed state has it. */
  Hash migratedStateHash(String service) {
    return raw(s -> Migration.of(s, service).stateHash());
  }

  /** The service's own data, whatever its status. */
  <T> T data(String service, Function<IndexAccess, T> reader) {
    return raw(s -> reader.apply(IndexViews.over(s.prefixed(service))));
  }

  /** The flushed {@code entry} in the service's own data. */
  Optional<Long> entry(String service) {
    return data(service, d -> Scripts.entry(d).get());
  }

  /** The {@code count} in the service's own data. */
  Optional<Long> count(String service) {
    return data(service, d -> Counter.count(d).get());
  }

  Map<ArtifactId, ArtifactStatus> artifacts() {
    return chain.read(BlockchainData::artifacts);
  }

  /** The test runtime of the node's current run. */
  TestRuntime runtime() {
    return (TestRuntime) Objects.requireNonNull(chain.runtimes().get(1), "runtime 1");
  }

  boolean scriptRunning(String service) {
    return chain.chain().dispatcher().isMigrationScriptRunning(service);
  }

  /** Waits until the script thread of {@code service} has ended, if it runs. */
  static void joinScript(String service) {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("migration-" + service)) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  /**
   * The hash a migration of {@code service} yields when its new data is {@code entry = value} and
   * nothing else, computed on a database of its own.
   */
  Hash expectedHash(String service, long value) {
    Path dir = scratch.resolve("expected-" + scratchDbs.incrementAndGet());
    try (var db = RocksDbDatabase.open(dir);
        var helper = MigrationHelper.create(db, service)) {
      Scripts.entry(helper.newData()).set(value);
      return helper.finish();
    }
  }

  @Override
  public void close() {
    chain.close();
  }
}
