package io.polyhost.benchmarks;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.proof.VerifiedMapProof;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.storage.Snapshot;
import io.polyhost.storage.index.IndexViews;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a hashed proof map of {@code size} keys from a snapshot: a value, a proof for one key,
 * and the client-side check of a proof. Exonum's {@code storage/proof_map/proofs/{build,validate}}.
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
public class ProofMapReadBenchmark {
  /** Distinct prebuilt proofs; verifying several keeps proof depth varied like real requests. */
  private static final int PROOFS = 1024;

  /** Keys in the map. */
  @Param({"10000", "100000", "1000000"})
  public int size;

  private TempDatabase temp;
  private Snapshot snapshot;
  private ProofMapIndex<byte[], byte[]> map;
  private List<byte[]> keys;
  private RandomEntries random;
  private MapProof[] proofs;
  private Hash mapHash;
  private int nextProof;

  /** Fills the map, opens a snapshot and prebuilds proofs for random keys. */
  @Setup(Level.Trial)
  public void setUp() {
    temp = TempDatabase.create();
    random = new RandomEntries(0x5eed_0002L + size);
    keys = Batches.fill(temp.db(), BenchMaps::proofMap, random, size);
    snapshot = temp.db().snapshot();
    map = BenchMaps.proofMap(IndexViews.over(snapshot));
    mapHash = map.objectHash();
    List<MapProof> built = new ArrayList<>(PROOFS);
    for (int i = 0; i < PROOFS; i++) {
      built.add(map.proof(random.pick(keys)));
    }
    proofs = built.toArray(MapProof[]::new);
    checkProof(keys.get(0));
  }

  /** The value of a random present key. */
  @Benchmark
  public Optional<byte[]> get() {
    return map.get(random.pick(keys));
  }

  /** A proof of a random present key against the map hash. */
  @Benchmark
  public MapProof proof() {
    return map.proof(random.pick(keys));
  }

  /** A light client's check of a prebuilt single-key proof. */
  @Benchmark
  public VerifiedMapProof verify() {
    MapProof p = proofs[nextProof];
    nextProof = (nextProof + 1) % PROOFS;
    return p.verify(mapHash);
  }

  /** Releases the snapshot and deletes the database. */
  @TearDown(Level.Trial)
  public void tearDown() {
    snapshot.close();
    temp.close();
  }

  /** Fails the trial if the map does not prove what was written: a benchmark of nothing. */
  private void checkProof(byte[] key) {
    byte[] stored = map.get(key).orElseThrow(() -> new IllegalStateException("Key not stored"));
    byte[] proven =
        map.proof(key)
            .verify(mapHash)
            .value(key)
            .orElseThrow(() -> new IllegalStateException("Proof does not show the key"));
    if (!Arrays.equals(stored, proven)) {
      throw new IllegalStateException("Proof shows another value than the map holds");
    }
  }
}
