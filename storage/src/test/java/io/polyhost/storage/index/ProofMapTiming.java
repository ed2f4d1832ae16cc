package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.MemoryRawIndex;
import io.polyhost.storage.RawIndex;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A timing run, not a test: random inserts in batches of 1,000 (each batch through a new view, then
 * {@link ProofMapIndexView#objectHashOf}, as a block would), then single-key proof building and
 * verification. Reports wall time and this thread's CPU time (the machine is shared, so wall time
 * is noisy), per-phase CPU time and raw-index calls per insert.
 *
 * <p>Run with {@code java -cp <test classpath> io.polyhost.storage.index.ProofMapTiming [sizes]}.
 * Flags: {@code -Drepeats=N} runs each case N times; {@code -DmemoryOnly=true} skips the fork-like
 * {@link OverlayRawIndex}; {@code -DhashRaw=true} uses {@link HashRawIndex} instead of {@code
 * MemoryRawIndex}, to separate the trie's cost from the sorted map's; {@code -DskipProofs=true}
 * skips proofs; {@code -DskipTrie=true} measures the writes alone.
 */
final class ProofMapTiming {
  private ProofMapTiming() {}

  private static final int BATCH = 1000;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) {
    int[] sizes = {10_000, 100_000, 1_000_000};
    if (args.length > 0) {
      sizes = new int[args.length];
      for (int i = 0; i < args.length; i++) {
        sizes[i] = Integer.parseInt(args[i]);
      }
    }
    Random rnd = new Random(42);
    inserts(10_000, true, rnd, false); // warm-up
    int repeats = Integer.getInteger("repeats", 1);
    boolean withOverlay = !Boolean.getBoolean("memoryOnly");
    for (int size : sizes) {
      for (boolean overlay : withOverlay ? new boolean[] {false, true} : new boolean[] {false}) {
        for (boolean hashed : new boolean[] {true, false}) {
          for (int r = 0; r < repeats; r++) {
            System.gc();
            inserts(size, hashed, rnd, overlay);
          }
        }
      }
    }
  }

  private static void inserts(int size, boolean hashed, Random rnd, boolean overlay) {
    CountingRawIndex raw =
        new CountingRawIndex(
            overlay
                ? new OverlayRawIndex("timing")
                : Boolean.getBoolean("hashRaw")
                    ? new HashRawIndex()
                    : new MemoryRawIndex("timing", IndexType.PROOF_MAP));
    List<byte[]> keys = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      byte[] k = new byte[32];
      rnd.nextBytes(k);
      keys.add(k);
    }
    byte[] value = new byte[64];
    long start = System.nanoTime();
    long cpuStart = CPU.getCurrentThreadCpuTime();
    Hash hash = Hash.zero();
    long putCpu = 0;
    long hashCpu = 0;
    for (int b = 0; b < size; b += BATCH) {
      long t0 = CPU.getCurrentThreadCpuTime();
      ProofMapIndexView<byte[], byte[]> view =
          new ProofMapIndexView<>(raw, Serializers.bytes(), Serializers.bytes(), hashed);
      for (int i = b; i < Math.min(size, b + BATCH); i++) {
        value[0] = (byte) i;
        view.put(keys.get(i), value);
      }
      long t1 = CPU.getCurrentThreadCpuTime();
      if (!Boolean.getBoolean("skipTrie")) {
        hash = ProofMapIndexView.objectHashOf(raw);
      }
      putCpu += t1 - t0;
      hashCpu += CPU.getCurrentThreadCpuTime() - t1;
      if (raw.inner() instanceof OverlayRawIndex o) {
        o.merge();
      }
    }
    double secs = (System.nanoTime() - start) / 1e9;
    double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    System.out.printf(
        "%s %s keys, %,d inserts: %,.0f inserts/s wall (%.2f s), %,.0f/s thread CPU; root %s%n",
        overlay ? "overlay" : "memory ",
        hashed ? "hashed" : "raw   ",
        size,
        size / secs,
        secs,
        size / cpu,
        hash.toHex().substring(0, 8));
    System.out.printf(
        "        per insert: puts %.2f us, trie update %.2f us (thread CPU); raw %s%n",
        putCpu / 1e3 / size, hashCpu / 1e3 / size, raw.perOperation(size));
    if (!Boolean.getBoolean("skipTrie") && !Boolean.getBoolean("skipProofs")) {
      proofs(raw, keys, hashed, rnd);
    }
  }

  private static void proofs(RawIndex raw, List<byte[]> keys, boolean hashed, Random rnd) {
    ProofMapIndexView<byte[], byte[]> view =
        new ProofMapIndexView<>(raw, Serializers.bytes(), Serializers.bytes(), hashed);
    Hash hash = view.objectHash();
    int count = 20_000;
    List<MapProof> proofs = new ArrayList<>(count);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      byte[] key = keys.get(rnd.nextInt(keys.size())).clone();
      if (i % 2 == 1) {
        key[31] ^= 1; // absent
      }
      proofs.add(view.proof(key));
    }
    double build = (System.nanoTime() - start) / 1e9;
    for (int round = 0; round < 3; round++) {
      long cpuStart = CPU.getCurrentThreadCpuTime();
      for (MapProof p : proofs) {
        p.verify(hash);
      }
      double verify = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      if (round == 2) {
        System.out.printf(
            "        single-key proofs: build %,.0f/s wall, verify %,.0f/s thread CPU (%d nodes)%n",
            count / build, count / verify, proofs.getLast().nodes().size());
      }
    }
  }
}
