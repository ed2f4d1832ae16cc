package io.polyhost.benchmarks;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.runtime.java.BenchJavaRuntimes;
import io.polyhost.runtime.java.JavaRuntime;
import io.polyhost.storage.Patch;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One transaction of a Java service through {@code JavaRuntime.execute}, with and without metering
 * ({@code metered}): what the instrumentation costs. The service is an artifact JAR compiled in the
 * set-up, deployed and started as on a node; the call runs on a RocksDB fork.
 *
 * <p>{@code method} is {@code transfer} (one unit between two of 10,000 accounts of a proof map:
 * two reads, two writes, the same work as {@link BenchBank}) or {@code compute} (a loop of 1,000
 * iterations calling a small method, no storage: the worst case for metering, which charges every
 * call and iteration).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow",
      "-Xms1g",
      "-Xmx1g"
    })
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@SuppressWarnings("NullAway.Init") // JMH calls @Setup before any benchmark method
public class JavaTransferBenchmark {
  static final ArtifactId BANK = ArtifactId.parse("1:bench.java-bank:1.0.0");
  static final int ACCOUNTS = 10_000;
  static final int BLOCK = 100;

  private static final String SERVICE =
      """
      package bench.bank;
      import io.polyhost.api.error.ExecutionException;
      import io.polyhost.api.runtime.*;
      import io.polyhost.api.service.*;
      import io.polyhost.api.storage.*;
      import java.nio.ByteBuffer;
      public final class Bank implements Service {
        static ProofMapIndex<Integer, Long> balances(ExecutionContext c) {
          return c.serviceData().proofMap("balances", Serializers.int32(), Serializers.int64());
        }
        @Override public void initialize(ExecutionContext c, byte[] parameters) {
          int accounts = ByteBuffer.wrap(parameters).getInt();
          ProofMapIndex<Integer, Long> balances = balances(c);
          for (int i = 0; i < accounts; i++) { balances.put(i, 1L << 40); }
        }
        @Transaction(id = 1, name = "transfer")
        public void transfer(ExecutionContext c, byte[] arguments) {
          ByteBuffer in = ByteBuffer.wrap(arguments);
          int from = in.getInt();
          int to = in.getInt();
          ProofMapIndex<Integer, Long> balances = balances(c);
          long fromBalance = balances.get(from).orElse(0L);
          if (fromBalance < 1) throw ExecutionException.service(2, "Account " + from + " is empty");
          long toBalance = balances.get(to).orElse(0L);
          balances.put(from, fromBalance - 1);
          balances.put(to, toBalance + 1);
        }
        @Transaction(id = 2, name = "compute")
        public void compute(ExecutionContext c, byte[] arguments) {
          long sum = 0;
          for (int i = 0; i < 1000; i++) { sum += mix(sum, i); }
          if (sum == 42) throw ExecutionException.service(3, "unlucky");
        }
        static long mix(long a, int b) { return (a * 31 + b) ^ (a >>> 7); }
      }
      """;

  private static final String FACTORY =
      """
      package bench.bank;
      import io.polyhost.api.runtime.InstanceSpec;
      import io.polyhost.api.service.*;
      public final class BankFactory implements ServiceFactory {
        public Class<? extends Service> serviceType() { return Bank.class; }
        public Service create(InstanceSpec instance) { return new Bank(); }
      }
      """;

  /** Whether the artifact is instrumented for metering. */
  @Param({"true", "false"})
  public boolean metered;

  /** The transaction: {@code transfer} or {@code compute}. */
  @Param({"transfer", "compute"})
  public String method;

  private TempDatabase db;
  private JavaRuntime runtime;
  private InstanceSpec bank;
  private int methodId;
  private int next;

  /** Compiles, deploys and starts the bank, and opens its accounts in the database. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    methodId = method.equals("transfer") ? 1 : 2;
    Path artifacts = Files.createTempDirectory("polyhost-bench-artifacts");
    Map<String, String> sources =
        Map.of("bench.bank.Bank", SERVICE, "bench.bank.BankFactory", FACTORY);
    byte[] jar = JavaArtifacts.jar(BANK, "bench.bank.BankFactory", JavaArtifacts.compile(sources));
    byte[] spec = JavaArtifacts.write(jar, artifacts, "bank.jar");
    db = TempDatabase.create();
    runtime = BenchJavaRuntimes.create(artifacts, metered);
    runtime.deployArtifact(BANK, spec).toCompletableFuture().get(1, TimeUnit.MINUTES);
    bank = new InstanceSpec(1, "bank", BANK);
    try (io.polyhost.storage.Fork fork = db.db().fork()) {
      runtime.initiateAddingService(
          new BenchContext(fork, bank), BANK, ByteBuffer.allocate(4).putInt(ACCOUNTS).array());
      try (Patch patch = fork.intoPatch()) {
        db.db().merge(patch);
      }
    }
    runtime.updateServiceStatus(
        unreadable(),
        new InstanceState(
            bank, Optional.of(InstanceStatus.ACTIVE), Optional.empty(), Optional.empty()));
  }

  /** A block's worth of transactions, each between the next two accounts, in a fresh fork. */
  @Benchmark
  @OperationsPerInvocation(BLOCK)
  public void transaction(Block block) {
    for (int i = 0; i < BLOCK; i++) {
      int from = next;
      next = (next + 7919) % ACCOUNTS;
      byte[] arguments = ByteBuffer.allocate(8).putInt(from).putInt(next).array();
      runtime.execute(block.context, methodId, arguments);
    }
  }

  /** The fork of one block, made and dropped outside the measured time. */
  @State(Scope.Thread)
  @SuppressWarnings("NullAway.Init")
  public static class Block {
    io.polyhost.storage.Fork fork;
    BenchContext context;

    @Setup(Level.Invocation)
    public void open(JavaTransferBenchmark bench) {
      fork = bench.db.db().fork();
      context = new BenchContext(fork, bench.bank);
    }

    @TearDown(Level.Invocation)
    public void drop() {
      fork.close();
    }
  }

  /** Closes the runtime and deletes the database. */
  @TearDown(Level.Trial)
  public void tearDown() {
    runtime.close();
    db.close();
  }

  /** The runtime does not read the snapshot it gets with a status. */
  private static BlockchainData unreadable() {
    return (BlockchainData)
        Proxy.newProxyInstance(
            BlockchainData.class.getClassLoader(),
            new Class<?>[] {BlockchainData.class},
            (proxy, m, args) -> {
              throw new UnsupportedOperationException(m.getName());
            });
  }
}
