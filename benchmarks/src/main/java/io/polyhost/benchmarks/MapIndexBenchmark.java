package io.polyhost.benchmarks;

import io.polyhost.api.storage.MapIndex;
import io.polyhost.storage.Snapshot;
import io.polyhost.storage.index.IndexViews;
import java.util.List;
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
 * The plain (non-Merkelized) map: random reads from a snapshot, comparable to Exonum's {@code
 * storage/plain_map/read} (32-byte keys, 64-byte values, reads from a snapshot), and writes merged
 * in forks of 1,000, the baseline for the proof map's insert figure.
 *
 * <p>Reads and writes have separate states so that the per-batch preparation of writes never runs
 * around a sub-microsecond read.
 */
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
public class MapIndexBenchmark {
  /** The value of a random present key, from a snapshot. */
  @Benchmark
  public Optional<byte[]> read(Reads s) {
    return s.map.get(s.random.pick(s.keys));
  }

  /** One fork: 1,000 puts of fresh keys, then merge. */
  @Benchmark
  @OperationsPerInvocation(InsertWorkload.BATCH)
  public void writeBatch(Writes s) {
    s.inserts.insertPrepared();
  }

  /** A filled map and a snapshot to read it through. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // JMH calls @Setup before any benchmark method
  public static class Reads {
    /** Keys in the map. */
    @Param({"10000", "100000"})
    public int size;

    private TempDatabase temp;
    private Snapshot snapshot;
    private MapIndex<byte[], byte[]> map;
    private List<byte[]> keys;
    private RandomEntries random;

    /** Fills the map and opens a snapshot. */
    @Setup(Level.Trial)
    public void setUp() {
      temp = TempDatabase.create();
      random = new RandomEntries(0x5eed_0003L + size);
      keys = Batches.fill(temp.db(), BenchMaps::map, random, size);
      snapshot = temp.db().snapshot();
      map = BenchMaps.map(IndexViews.over(snapshot));
      if (map.get(keys.get(0)).isEmpty()) {
        throw new IllegalStateException("The filled map lacks a key it was given");
      }
    }

    /** Releases the snapshot and deletes the database. */
    @TearDown(Level.Trial)
    public void tearDown() {
      snapshot.close();
      temp.close();
    }
  }

  /** A filled map taking batches of fresh keys. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // JMH calls @Setup before any benchmark method
  public static class Writes {
    /** Keys in the map before the measured batches. */
    @Param({"10000", "100000"})
    public int size;

    private TempDatabase temp;
    private InsertWorkload inserts;

    /** Fills the map. */
    @Setup(Level.Trial)
    public void setUp() {
      temp = TempDatabase.create();
      RandomEntries random = new RandomEntries(0x5eed_0004L + size);
      Batches.fill(temp.db(), BenchMaps::map, random, size);
      inserts = new InsertWorkload(temp.db(), BenchMaps::map, random, size);
    }

    /** Draws the next batch (and trims the map) outside the measured time. */
    @Setup(Level.Invocation)
    public void nextBatch() {
      inserts.prepare();
    }

    /** Deletes the database. */
    @TearDown(Level.Trial)
    public void tearDown() {
      temp.close();
    }
  }
}
