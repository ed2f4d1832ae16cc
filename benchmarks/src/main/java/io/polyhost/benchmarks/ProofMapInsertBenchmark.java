package io.polyhost.benchmarks;

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
 * The headline storage figure: keys per second inserted into a hashed proof map of {@code size}
 * keys, in forks of 1,000 puts each turned into a patch (which brings the trie and the state hash
 * up to date) and merged into RocksDB.
 *
 * <p>The score is keys/s including hashing and the merge; see {@link InsertWorkload} for how the
 * map is kept near {@code size}. {@code [cpu]} lines give keys per CPU-second of the benchmark
 * thread and the trie's helper thread together, the figure for one core on a shared machine.
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
public class ProofMapInsertBenchmark {
  /** Keys in the map before the measured batches. */
  @Param({"10000", "100000", "1000000"})
  public int size;

  // The trie helper thread works only while intoPatch waits for it (also for the unmeasured trims,
  // which start() and stop() leave out).
  private final CpuMeter cpu = new CpuMeter("polyhost-trie-helper");
  private TempDatabase temp;
  private InsertWorkload inserts;

  /** Creates the database and fills the map. */
  @Setup(Level.Trial)
  public void setUp() {
    temp = TempDatabase.create();
    RandomEntries random = new RandomEntries(0x5eed_0001L + size);
    Batches.fill(temp.db(), BenchMaps::proofMap, random, size);
    inserts = new InsertWorkload(temp.db(), BenchMaps::proofMap, random, size);
  }

  /** Draws the next batch (and trims the map) outside the measured time. */
  @Setup(Level.Invocation)
  public void nextBatch() {
    inserts.prepare();
    cpu.start();
  }

  /** Ends the measured CPU time of the batch. */
  @TearDown(Level.Invocation)
  public void batchDone() {
    cpu.stop(InsertWorkload.BATCH);
  }

  /** Prints the iteration's keys per CPU-second. */
  @TearDown(Level.Iteration)
  public void reportCpu() {
    cpu.report("size " + size);
  }

  /** One fork: 1,000 puts, hashing in {@code intoPatch}, merge. */
  @Benchmark
  @OperationsPerInvocation(InsertWorkload.BATCH)
  public void insertBatch() {
    inserts.insertPrepared();
  }

  /** Deletes the database. */
  @TearDown(Level.Trial)
  public void tearDown() {
    temp.close();
  }
}
