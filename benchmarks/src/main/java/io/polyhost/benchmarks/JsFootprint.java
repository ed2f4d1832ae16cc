package io.polyhost.benchmarks;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactReq;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.ChildCall;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.api.runtime.SupervisorExtensions;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.runtime.js.JsDeploySpec;
import io.polyhost.runtime.js.JsRuntime;
import io.polyhost.storage.Fork;
import io.polyhost.storage.index.IndexViews;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Heap per running JavaScript service instance: deploys a small service, starts {@code N} instances
 * (constructor, status update, one transaction each, so each holds its own context) and divides the
 * growth of the heap, measured after full collections, by {@code N}. Not a JMH benchmark (it
 * measures retained memory, not time):
 *
 * <pre>
 * java -Duser.timezone=UTC --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *   io.polyhost.benchmarks.JsFootprint [N]
 * </pre>
 */
public final class JsFootprint {
  private static final String COUNTER =
      """
      export const artifact = { name: 'counter', version: '1.0.0' };
      export const service = {
        initialize(ctx, params) { ctx.storage.entry('count').set(0); },
        transactions: {
          add: { id: 0, run(ctx, args) {
            const count = ctx.storage.entry('count');
            count.set(count.get() + args.by);
            ctx.storage.proofMap('log').put(ctx.transactionHash, { by: args.by, at: ctx.height });
          } },
        },
      };
      """;

  private JsFootprint() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Path dir = Files.createTempDirectory("polyhost-js-footprint-");
    Path file = Files.writeString(dir.resolve("counter.mjs"), COUNTER);
    ArtifactId id = new ArtifactId(RuntimeId.JAVASCRIPT, "counter", Version.parse("1.0.0"));
    try (TempDatabase db = TempDatabase.create();
        JsRuntime runtime = new JsRuntime(dir);
        Fork fork = db.db().fork()) {
      runtime.deployArtifact(id, JsDeploySpec.of(file).toBytes()).toCompletableFuture().join();
      // Warm the code paths with instances that are dropped again.
      start(runtime, fork, id, 1, 50);
      stop(runtime, id, 1, 50);
      long before = usedHeapAfterGc();
      long started = System.nanoTime();
      start(runtime, fork, id, 1000, n);
      double millis = (System.nanoTime() - started) / 1e6;
      long after = usedHeapAfterGc();
      System.out.printf(
          "%d instances: heap %+.1f MB, %.0f KB per instance; %.1f ms per instance to start"
              + " (constructor, status, first transaction)%n",
          n, (after - before) / 1e6, (after - before) / 1024.0 / n, millis / n);
      stop(runtime, id, 1000, n);
      System.out.printf(
          "after dropping them: heap %+.1f MB against the baseline%n",
          (usedHeapAfterGc() - before) / 1e6);
    }
  }

  private static void start(JsRuntime runtime, Fork fork, ArtifactId id, int first, int count) {
    for (int i = first; i < first + count; i++) {
      InstanceSpec spec = new InstanceSpec(i, "counter" + i, id);
      runtime.initiateAddingService(new Call(fork, spec, null), id, new byte[0]);
      runtime.updateServiceStatus(
          NoData.INSTANCE,
          new InstanceState(
              spec, Optional.of(InstanceStatus.ACTIVE), Optional.empty(), Optional.empty()));
      Hash tx = Hash.sha256(("tx" + i).getBytes(StandardCharsets.UTF_8));
      runtime.execute(new Call(fork, spec, tx), 0, "{\"by\": 3}".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void stop(JsRuntime runtime, ArtifactId id, int first, int count) {
    for (int i = first; i < first + count; i++) {
      runtime.updateServiceStatus(
          NoData.INSTANCE,
          new InstanceState(
              new InstanceSpec(i, "counter" + i, id),
              Optional.of(InstanceStatus.STOPPED),
              Optional.empty(),
              Optional.empty()));
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** A call at height 1 by a transaction author (or the blockchain, for constructors). */
  private record Call(Fork fork, InstanceSpec instance, @Nullable Hash tx)
      implements ExecutionContext {
    @Override
    public Caller caller() {
      return Caller.Blockchain.INSTANCE;
    }

    @Override
    public Optional<Hash> transactionHash() {
      return Optional.ofNullable(tx);
    }

    @Override
    public long height() {
      return 1;
    }

    @Override
    public Instant blockTime() {
      return Instant.EPOCH;
    }

    @Override
    public boolean inGenesisBlock() {
      return false;
    }

    @Override
    public String interfaceName() {
      return "";
    }

    @Override
    public IndexAccess serviceData() {
      return IndexViews.over(fork.prefixed(instance.name()));
    }

    @Override
    public BlockchainData data() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void call(ChildCall call) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<SupervisorExtensions> supervisorExtensions() {
      return Optional.empty();
    }
  }

  /** Status updates of the JavaScript runtime do not read the state. */
  private enum NoData implements BlockchainData {
    INSTANCE;

    @Override
    public long height() {
      return 1;
    }

    @Override
    public ConsensusConfigProto consensusConfig() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<ArtifactId, ArtifactStatus> artifacts() {
      return Map.of();
    }

    @Override
    public List<InstanceState> instances() {
      return List.of();
    }

    @Override
    public Optional<InstanceState> instance(InstanceQuery query) {
      return Optional.empty();
    }

    @Override
    public Optional<IndexAccess> forService(InstanceQuery query) {
      return Optional.empty();
    }

    @Override
    public IndexAccess forService(InstanceQuery query, ArtifactReq required) {
      throw new UnsupportedOperationException();
    }
  }
}
