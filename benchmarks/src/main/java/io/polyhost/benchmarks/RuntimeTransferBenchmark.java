package io.polyhost.benchmarks;

import com.google.protobuf.ByteString;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.ArtifactSpecProto;
import io.polyhost.api.proto.GenesisConfigProto;
import io.polyhost.api.proto.InstanceInitParamsProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.host.blockchain.Blockchain;
import io.polyhost.host.dispatcher.BlockInfo;
import io.polyhost.host.dispatcher.Dispatcher;
import io.polyhost.runtime.java.JavaRuntime;
import io.polyhost.runtime.js.JsDeploySpec;
import io.polyhost.runtime.js.JsRuntime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * The same transfer, written once as a Java service and once as a JavaScript service, called
 * through the dispatcher ({@link Dispatcher#execute}: service lookup, call context, isolation of
 * the transaction's changes, the runtime's call): what a JavaScript service costs against a Java
 * one. Both run in one node (a single-validator chain on a temporary RocksDB whose genesis block
 * deploys both artifacts and opens 10,000 accounts in each), on Truffle's optimizing runtime.
 *
 * <p>The logic is the same: read two balances of a proof map keyed by account name, refuse an empty
 * account with service error 2, write both back. Each service takes its arguments the way its
 * runtime passes them: JSON text for JavaScript (parsed by the runtime), 8 bytes for Java (two ints
 * read with a {@code ByteBuffer}); balances are JSON numbers in the JavaScript service's map and
 * 8-byte longs in the Java one. A block of 100 transactions runs in a fresh fork, dropped outside
 * the measured time; {@code [cpu]} lines give transactions per CPU-second of the benchmark thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-XX:+UnlockExperimentalVMOptions",
      "-XX:+EnableJVMCI",
      "--upgrade-module-path=runtime-js/target/jvmci",
      "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow",
      "-Duser.timezone=UTC",
      "-Xms1g",
      "-Xmx1g"
    })
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 5, time = 2)
@SuppressWarnings("NullAway.Init") // JMH calls @Setup before any benchmark method
public class RuntimeTransferBenchmark {
  static final int ACCOUNTS = 10_000;
  static final int BLOCK = 100;
  static final int TRANSFER = 1;

  private static final ArtifactId JAVA_BANK = ArtifactId.parse("1:bench.java-bank:1.0.0");
  private static final ArtifactId JS_BANK = ArtifactId.parse("2:bench.js-bank:1.0.0");
  private static final KeyPair VALIDATOR = KeyPair.fromSeed(new byte[32]);
  private static final KeyPair AUTHOR = KeyPair.fromSeed(Hash.sha256(new byte[] {1}).toBytes());

  private static final String JAVA_SERVICE =
      """
      package bench.bank;
      import io.polyhost.api.error.ExecutionException;
      import io.polyhost.api.runtime.*;
      import io.polyhost.api.service.*;
      import io.polyhost.api.storage.*;
      import java.nio.ByteBuffer;
      import java.nio.charset.StandardCharsets;
      public final class Bank implements Service {
        static ProofMapIndex<String, Long> balances(ExecutionContext c) {
          return c.serviceData().proofMap("balances", Serializers.string(), Serializers.int64());
        }
        @Override public void initialize(ExecutionContext c, byte[] parameters) {
          int accounts = Integer.parseInt(new String(parameters, StandardCharsets.UTF_8));
          ProofMapIndex<String, Long> balances = balances(c);
          for (int i = 0; i < accounts; i++) { balances.put("a" + i, 1L << 40); }
        }
        @Transaction(id = 1, name = "transfer")
        public void transfer(ExecutionContext c, byte[] arguments) {
          ByteBuffer in = ByteBuffer.wrap(arguments);
          String from = "a" + in.getInt();
          String to = "a" + in.getInt();
          ProofMapIndex<String, Long> balances = balances(c);
          long fromBalance = balances.get(from).orElse(0L);
          if (fromBalance < 1) throw ExecutionException.service(2, "Account " + from + " is empty");
          long toBalance = balances.get(to).orElse(0L);
          balances.put(from, fromBalance - 1);
          balances.put(to, toBalance + 1);
        }
      }
      """;

  private static final String JAVA_FACTORY =
      """
      package bench.bank;
      import io.polyhost.api.runtime.InstanceSpec;
      import io.polyhost.api.service.*;
      public final class BankFactory implements ServiceFactory {
        public Class<? extends Service> serviceType() { return Bank.class; }
        public Service create(InstanceSpec instance) { return new Bank(); }
      }
      """;

  private static final String JS_SERVICE =
      """
      export const artifact = { name: 'bench.js-bank', version: '1.0.0' };
      export const service = {
        parameters: 'string',
        initialize(ctx, accounts) {
          const balances = ctx.storage.proofMap('balances');
          for (let i = 0; i < Number(accounts); i++) { balances.put('a' + i, 2 ** 40); }
        },
        transactions: {
          transfer: { id: 1, run(ctx, args) {
            const from = 'a' + args.from;
            const to = 'a' + args.to;
            const balances = ctx.storage.proofMap('balances');
            const fromBalance = balances.get(from) ?? 0;
            if (fromBalance < 1) throw new ExecutionError(2, 'Account ' + from + ' is empty');
            const toBalance = balances.get(to) ?? 0;
            balances.put(from, fromBalance - 1);
            balances.put(to, toBalance + 1);
          } },
        },
      };
      """;

  /** Which service the transfers call: {@code java} or {@code js}. */
  @Param({"java", "js"})
  public String runtime;

  private TempDatabase db;
  private Blockchain chain;
  private final CpuMeter cpu = new CpuMeter();
  private int instanceId;
  private int next;
  private long height;

  /** Builds both artifacts and a chain whose genesis deploys and starts them. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    instanceId = runtime.equals("java") ? 1 : 2;
    Path artifacts = Files.createTempDirectory("polyhost-bench-artifacts");
    byte[] jar =
        JavaArtifacts.jar(
            JAVA_BANK,
            "bench.bank.BankFactory",
            JavaArtifacts.compile(
                Map.of("bench.bank.Bank", JAVA_SERVICE, "bench.bank.BankFactory", JAVA_FACTORY)));
    byte[] javaSpec = JavaArtifacts.write(jar, artifacts, "bank.jar");
    Path script = artifacts.resolve("bank.mjs");
    Files.writeString(script, JS_SERVICE);
    byte[] jsSpec = JsDeploySpec.of(script).toBytes();
    db = TempDatabase.create();
    chain =
        Blockchain.open(
            db.db(),
            Map.<Integer, Runtime>of(
                RuntimeId.JAVA,
                new JavaRuntime(artifacts),
                RuntimeId.JAVASCRIPT,
                new JsRuntime(artifacts)),
            genesis(javaSpec, jsSpec),
            VALIDATOR,
            Optional.empty(),
            Instant.parse("2026-01-01T00:00:00Z"));
    height = chain.height() + 1;
  }

  /** A block's worth of transfers through the dispatcher, in a fresh fork. */
  @Benchmark
  @OperationsPerInvocation(BLOCK)
  public int transfer(Block block) {
    Dispatcher dispatcher = chain.dispatcher();
    int failed = 0;
    cpu.start();
    for (SignedTransaction tx : block.txs) {
      Optional<ExecutionError> error = dispatcher.execute(block.fork, block.info, tx);
      if (error.isPresent()) {
        failed++;
      }
    }
    cpu.stop(BLOCK);
    if (failed > 0) {
      throw new IllegalStateException(failed + " transfers failed in " + runtime);
    }
    return failed;
  }

  /** Prints the iteration's transfers per CPU-second. */
  @TearDown(Level.Iteration)
  public void reportCpu() {
    cpu.report(runtime + " transfer");
  }

  /** Closes the chain and deletes the database. */
  @TearDown(Level.Trial)
  public void tearDown() {
    chain.close();
    db.close();
  }

  /** The fork and transactions of one block, made and dropped outside the measured time. */
  @State(Scope.Thread)
  @SuppressWarnings("NullAway.Init")
  public static class Block {
    io.polyhost.storage.Fork fork;
    BlockInfo info;
    List<SignedTransaction> txs;

    @Setup(Level.Invocation)
    public void open(RuntimeTransferBenchmark bench) {
      fork = bench.db.db().fork();
      info = new BlockInfo(bench.height, Instant.parse("2026-01-01T00:00:01Z"));
      txs = new ArrayList<>(BLOCK);
      for (int i = 0; i < BLOCK; i++) {
        int from = bench.next;
        bench.next = (bench.next + 7919) % ACCOUNTS;
        txs.add(bench.transfer(from, bench.next, i));
      }
    }

    @TearDown(Level.Invocation)
    public void drop() {
      fork.close();
    }
  }

  private SignedTransaction transfer(int from, int to, int salt) {
    byte[] arguments =
        instanceId == 1
            ? ByteBuffer.allocate(8).putInt(from).putInt(to).array()
            : ("{\"from\":" + from + ",\"to\":" + to + ",\"salt\":" + salt + "}")
                .getBytes(StandardCharsets.UTF_8);
    return BenchChain.unsigned(AUTHOR.publicKey(), instanceId, TRANSFER, arguments);
  }

  private static GenesisConfigProto genesis(byte[] javaSpec, byte[] jsSpec) {
    var config = BenchChain.consensusConfig(VALIDATOR);
    ByteString accounts = ByteString.copyFromUtf8(Integer.toString(ACCOUNTS));
    return GenesisConfigProto.newBuilder()
        .setConsensusConfig(config)
        .addArtifacts(
            ArtifactSpecProto.newBuilder()
                .setArtifact(JAVA_BANK.toProto())
                .setPayload(ByteString.copyFrom(javaSpec)))
        .addArtifacts(
            ArtifactSpecProto.newBuilder()
                .setArtifact(JS_BANK.toProto())
                .setPayload(ByteString.copyFrom(jsSpec)))
        .addBuiltinInstances(instance(new InstanceSpec(1, "java-bank", JAVA_BANK), accounts))
        .addBuiltinInstances(instance(new InstanceSpec(2, "js-bank", JS_BANK), accounts))
        .build();
  }

  private static InstanceInitParamsProto instance(InstanceSpec spec, ByteString constructor) {
    return InstanceInitParamsProto.newBuilder()
        .setInstanceSpec(spec.toProto())
        .setConstructor(constructor)
        .build();
  }
}
