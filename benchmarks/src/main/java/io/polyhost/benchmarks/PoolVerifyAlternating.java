package io.polyhost.benchmarks;

import io.polyhost.host.pool.PoolConfig;
import io.polyhost.host.pool.TransactionPool;
import io.polyhost.host.pool.TxCheck;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The ratio of {@link PoolVerifyBenchmark}, measured so that machine load cancels out: raw verify
 * on two threads and pool admission on two verifier threads alternate in short rounds, and the
 * median of the per-pair ratios is reported. Besides wall-clock rates it compares CPU time per
 * signature (the verifying threads' and the submitter's), which other processes on a shared machine
 * do not inflate; on an idle machine the two ratios agree unless the pool leaves its threads idle.
 * Run with {@code java -cp benchmarks/target/benchmarks.jar
 * io.polyhost.benchmarks.PoolVerifyAlternating [rounds]}.
 */
public final class PoolVerifyAlternating {
  private static final int WARM_UP_ROUNDS = 10;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private PoolVerifyAlternating() {}

  public static void main(String[] args) throws InterruptedException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    SignedBatch batch = new SignedBatch(PoolVerifyBenchmark.BATCH, 3);
    List<Double> ratios = new ArrayList<>();
    List<Double> cpuRatios = new ArrayList<>();
    try (TransactionPool pool =
        TransactionPool.create(
            PoolConfig.defaults().withVerifierThreads(2), hashes -> Set.of(), TxCheck.PASS)) {
      for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
        Rate raw = rawRate(batch);
        Rate admitted = poolRate(pool, batch);
        if (round >= 0) {
          ratios.add(admitted.perSecond / raw.perSecond);
          cpuRatios.add(raw.cpuNanosPerOp / admitted.cpuNanosPerOp);
          System.out.printf(
              "round %2d: raw %,7.0f/s %5.1f µs cpu  pool %,7.0f/s %5.1f µs cpu  ratio %.3f  cpu %.3f%n",
              round,
              raw.perSecond,
              raw.cpuNanosPerOp / 1e3,
              admitted.perSecond,
              admitted.cpuNanosPerOp / 1e3,
              ratios.getLast(),
              cpuRatios.getLast());
        }
      }
    }
    summarize("pool/raw signatures per second", ratios);
    summarize("raw/pool cpu time per signature", cpuRatios);
  }

  private static void summarize(String what, List<Double> ratios) {
    Collections.sort(ratios);
    System.out.printf(
        "%s over %d rounds: median %.3f, quartiles %.3f..%.3f, min %.3f, max %.3f%n",
        what,
        ratios.size(),
        ratios.get(ratios.size() / 2),
        ratios.get(ratios.size() / 4),
        ratios.get(ratios.size() * 3 / 4),
        ratios.getFirst(),
        ratios.getLast());
  }

  private record Rate(double perSecond, double cpuNanosPerOp) {}

  private static long cpuNanos(Thread thread) {
    return THREADS.getThreadCpuTime(thread.threadId());
  }

  private static List<Thread> verifierThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("pool-verifier-"))
        .toList();
  }

  /** Signatures per second of two threads each verifying half of the batch. */
  private static Rate rawRate(SignedBatch batch) throws InterruptedException {
    int half = batch.size() / 2;
    boolean[] ok = new boolean[2];
    long[] cpu = new long[2];
    long start = System.nanoTime();
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int from = t * half;
      int index = t;
      threads[t] =
          Thread.ofPlatform()
              .start(() -> {
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                boolean all = true;
                for (int i = from; i < from + half; i++) {
                  all &= batch.rawVerify(i);
                }
                ok[index] = all;
                cpu[index] = THREADS.getCurrentThreadCpuTime() - cpuStart;
              });
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long nanos = System.nanoTime() - start;
    if (!ok[0] || !ok[1]) {
      throw new IllegalStateException("A prepared signature did not verify");
    }
    return new Rate(2.0 * half * 1e9 / nanos, (cpu[0] + cpu[1]) / (2.0 * half));
  }

  /** Transactions per second admitted by the pool. */
  private static Rate poolRate(TransactionPool pool, SignedBatch batch) {
    List<Thread> verifiers = verifierThreads();
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    for (Thread verifier : verifiers) {
      cpuStart += cpuNanos(verifier);
    }
    long start = System.nanoTime();
    int accepted = PoolVerifyBenchmark.admit(pool, batch.messages);
    long nanos = System.nanoTime() - start;
    long cpuEnd = THREADS.getCurrentThreadCpuTime();
    for (Thread verifier : verifiers) {
      cpuEnd += cpuNanos(verifier);
    }
    if (accepted != batch.size()) {
      throw new IllegalStateException(
          "The pool refused " + (batch.size() - accepted) + " transactions");
    }
    return new Rate(accepted * 1e9 / nanos, (cpuEnd - cpuStart) / (double) accepted);
  }
}
