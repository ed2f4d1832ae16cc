package io.polyhost.benchmarks;

import io.polyhost.api.crypto.VerifyingKeys;
import io.polyhost.host.pool.Admission;
import io.polyhost.host.pool.PoolConfig;
import io.polyhost.host.pool.TransactionPool;
import io.polyhost.host.pool.TxCheck;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signature checks with two threads: Bouncy Castle's raw Ed25519 verify against the transaction
 * pool's whole admission (decode, hashes, duplicate checks, verify, {@code check_tx}, insertion) on
 * two verifier threads. Issue 3 asks the pool for at least 90 % of the raw rate; both scores are
 * signatures per second, so their ratio is read straight off one run. On a shared machine the two
 * run minutes apart under different load; {@link PoolVerifyAlternating} alternates them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow",
      "-Xms1g",
      "-Xmx1g"
    })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@SuppressWarnings("NullAway.Init") // JMH calls @Setup before any benchmark method
public class PoolVerifyBenchmark {
  /** Transactions per pool submission; the size of a busy client's or a gossip batch. */
  static final int BATCH = 2048;

  private SignedBatch batch;
  private TransactionPool pool;
  private final VerifyingKeys keys = new VerifyingKeys(16_384);

  /** Where each raw-verify thread is in the prepared batch. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup(Level.Trial)
  public void setUp() {
    batch = new SignedBatch(BATCH, 3);
    pool =
        TransactionPool.create(
            PoolConfig.defaults().withVerifierThreads(2), hashes -> Set.of(), TxCheck.PASS);
    if (admit(pool, batch.messages) != BATCH) {
      throw new IllegalStateException("The pool refused some of the prepared transactions");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  /** One raw Bouncy Castle verification per operation, on each of two JMH threads. */
  @Benchmark
  @Threads(2)
  public boolean rawVerify(Cursor cursor) {
    int i = cursor.next;
    cursor.next = i + 1 == BATCH ? 0 : i + 1;
    return batch.rawVerify(i);
  }

  /**
   * As {@link #rawVerify}, through the decoded public keys the pool keeps ({@code VerifyingKeys}):
   * the 16 authors are decoded once, then only the signature is checked.
   */
  @Benchmark
  @Threads(2)
  public boolean keptKeysVerify(Cursor cursor) {
    int i = cursor.next;
    cursor.next = i + 1 == BATCH ? 0 : i + 1;
    return batch.keptKeysVerify(keys, i);
  }

  /** One admitted transaction per operation, a batch at a time through two verifier threads. */
  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(BATCH)
  public int poolAdmit() {
    return admit(pool, batch.messages);
  }

  /**
   * Submits {@code messages} and empties the pool again, so the next round is not refused as
   * duplicates; the number accepted.
   */
  static int admit(TransactionPool pool, List<byte[]> messages) {
    List<Admission> outcomes = pool.submitAll(messages).toCompletableFuture().join();
    pool.clear();
    int accepted = 0;
    for (Admission outcome : outcomes) {
      accepted += outcome.accepted() ? 1 : 0;
    }
    return accepted;
  }
}
