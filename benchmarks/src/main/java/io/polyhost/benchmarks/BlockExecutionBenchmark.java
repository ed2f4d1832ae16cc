package io.polyhost.benchmarks;

import io.polyhost.api.message.SignedTransaction;
import java.util.List;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Block execution, the headline host figure: transactions per second through {@code
 * Blockchain.commitBlock} with one thread, on RocksDB, including hooks, the core schema's
 * bookkeeping, the state hash, the signed header and the merge.
 *
 * <p>{@code method} is {@code noop} (the host's fixed cost of a transaction) or {@code transfer}
 * (two proof-map reads and writes among {@code accounts} accounts). Transactions are made before
 * each block, outside the measured time, with their signatures taken as checked.
 *
 * <p>Before JMH's own warm-up, the trial commits blocks of the measured size until the JIT
 * compilers go quiet ({@link JitWarmUp}), at least {@value #WARM_UP_MIN_ROUNDS} rounds of {@value
 * #WARM_UP_ROUND} transactions and at most {@value #WARM_UP_MAX_SECONDS} seconds. JMH's time-based
 * warm-up alone (three iterations of two seconds) was too short: with {@code
 * -XX:+PrintCompilation}, C2 was still compiling host and storage code during the first two to five
 * measured iterations (longer the busier the machine), and those iterations scored a half to
 * two-thirds of the later ones, so the reported average measured the compilers as much as block
 * execution.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow",
      "-Xms2g",
      "-Xmx2g"
    })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@SuppressWarnings("NullAway.Init") // JMH calls @Setup before any benchmark method
public class BlockExecutionBenchmark {
  /** Transactions per round of the warm-up. */
  static final int WARM_UP_ROUND = 10_000;

  /** Rounds the warm-up runs at least, however quiet the JIT. */
  static final int WARM_UP_MIN_ROUNDS = 10;

  /** The longest the warm-up waits for the JIT to go quiet. */
  static final long WARM_UP_MAX_SECONDS = 60;

  /** The transaction: {@code noop} or {@code transfer}. */
  @Param({"noop", "transfer"})
  public String method;

  /** Accounts opened in the genesis block. */
  @Param({"10000"})
  public int accounts;

  private final CpuMeter cpu = new CpuMeter();
  private BenchChain chain;
  private int methodId;

  /** Creates the chain and its accounts, then warms the JIT up with blocks of the measured size. */
  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    methodId =
        switch (method) {
          case "noop" -> BenchBank.NO_OP;
          case "transfer" -> BenchBank.TRANSFER;
          default -> throw new IllegalArgumentException("method must be noop or transfer");
        };
    chain = new BenchChain(accounts, 0x5eed_b10cL);
    int blockSize = params.getBenchmark().endsWith("block100") ? 100 : 1000;
    JitWarmUp.untilQuiet(
        method + " in blocks of " + blockSize,
        () -> {
          for (int done = 0; done < WARM_UP_ROUND; done += blockSize) {
            chain.commit(chain.transactions(methodId, blockSize));
          }
        },
        WARM_UP_MIN_ROUNDS,
        WARM_UP_MAX_SECONDS);
  }

  /** Block of 100 transactions. */
  @Benchmark
  @OperationsPerInvocation(100)
  public void block100(Block100 block) {
    chain.commit(block.txs);
  }

  /** Block of 1,000 transactions. */
  @Benchmark
  @OperationsPerInvocation(1000)
  public void block1000(Block1000 block) {
    chain.commit(block.txs);
  }

  /** Prints the iteration's transactions per CPU-second. */
  @TearDown(Level.Iteration)
  public void reportCpu() {
    cpu.report(method);
  }

  /** Deletes the database. */
  @TearDown(Level.Trial)
  public void tearDown() {
    chain.close();
  }

  /** The next block of 100, made outside the measured time. */
  @State(Scope.Thread)
  @SuppressWarnings("NullAway.Init")
  public static class Block100 {
    List<SignedTransaction> txs;

    @Setup(Level.Invocation)
    public void make(BlockExecutionBenchmark bench) {
      txs = bench.chain.transactions(bench.methodId, 100);
      bench.cpu.start();
    }

    @TearDown(Level.Invocation)
    public void measured(BlockExecutionBenchmark bench) {
      bench.cpu.stop(100);
    }
  }

  /** The next block of 1,000, made outside the measured time. */
  @State(Scope.Thread)
  @SuppressWarnings("NullAway.Init")
  public static class Block1000 {
    List<SignedTransaction> txs;

    @Setup(Level.Invocation)
    public void make(BlockExecutionBenchmark bench) {
      txs = bench.chain.transactions(bench.methodId, 1000);
      bench.cpu.start();
    }

    @TearDown(Level.Invocation)
    public void measured(BlockExecutionBenchmark bench) {
      bench.cpu.stop(1000);
    }
  }
}
