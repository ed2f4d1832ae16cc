package io.polyhost.benchmarks.load;

import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.message.SignedTransaction;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * One load run against a node: set-up (wallet service, wallets, funds, signatures), the ceiling,
 * the warm-up, the measured submission, then the checks that every transfer did what it should.
 */
final class LoadRun {
  private final LoadGenerator settings;
  private final URI publicApi;
  private final WalletNode chain;
  private final Consumer<String> progress;
  private final Optional<ProcessHandle> nodeProcess;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  LoadRun(
      LoadGenerator settings,
      URI publicApi,
      Optional<URI> privateApi,
      Optional<ProcessHandle> nodeProcess,
      Consumer<String> progress) {
    this.settings = settings;
    this.nodeProcess = nodeProcess;
    this.publicApi = publicApi;
    this.chain = new WalletNode(publicApi, privateApi, settings.service);
    this.progress = progress;
  }

  LoadReport run() throws InterruptedException, TimeoutException {
    int n = settings.wallets;
    int total = settings.warmup + settings.transactions;
    WalletTxs txs = new WalletTxs(chain.instanceId());
    long run = new SecureRandom().nextLong();
    try (CommitWatch watch = CommitWatch.start(http, publicApi, chain.nextHeight())) {
      Submitter submitter = new Submitter(publicApi, settings.connections, settings.batch);
      List<KeyPair> keys =
          IntStream.range(0, n).parallel().mapToObj(i -> KeyPair.generate()).toList();
      setUp(
          submitter,
          watch,
          "creating " + n + " wallets",
          IntStream.range(0, n)
              .parallel()
              .mapToObj(i -> txs.create(keys.get(i), WalletTxs.name(run, i)))
              .toList());
      setUp(
          submitter,
          watch,
          "funding them",
          IntStream.range(0, n)
              .parallel()
              .mapToObj(i -> txs.issue(keys.get(i), total, run))
              .toList());
      progress.accept("signing " + total + " transfers on all cores");
      List<SignedTransaction> transfers =
          IntStream.range(0, total)
              .parallel()
              .mapToObj(k -> txs.transfer(keys.get(k % n), keys.get((k + 1) % n).publicKey(), 1, k))
              .toList();
      List<SignedTransaction> measured = transfers.subList(settings.warmup, total);
      progress.accept(
          "measuring the raw Ed25519 verify rate on " + settings.ceilingThreads + " threads");
      double ceiling =
          new VerifyCeiling(bytes(measured.subList(0, Math.min(measured.size(), 8192))))
              .rate(settings.ceilingThreads, Duration.ofSeconds(settings.ceilingSeconds));
      if (settings.warmup > 0) {
        setUp(
            submitter,
            watch,
            "warming up with " + settings.warmup + " transfers",
            transfers.subList(0, settings.warmup));
      }
      progress.accept("submitting " + measured.size() + " transfers");
      double loadBefore = LoadGenerator.loadAverage();
      long[] cpuBefore = cpuNanos();
      // Which block holds which transfer is looked up after the span: the commit times are the
      // block events' arrival times either way, and the look-ups would load the node meanwhile.
      long firstMeasuredHeight = watch.nextHeight();
      watch.holdFetches();
      Submitter.Outcome outcome;
      List<String> accepted;
      double loadAfter;
      long[] cpuAfter;
      try {
        outcome = submitter.submit(bytes(measured));
        accepted =
            IntStream.range(0, measured.size())
                .filter(i -> !outcome.refused()[i])
                .mapToObj(i -> measured.get(i).hash().toHex())
                .toList();
        watch.awaitTransactionsFrom(firstMeasuredHeight, accepted.size(), LoadGenerator.stall());
        loadAfter = LoadGenerator.loadAverage();
        cpuAfter = cpuNanos();
      } finally {
        watch.releaseFetches();
      }
      progress.accept("all committed; looking up which block holds which transfer");
      watch.awaitAll(accepted, LoadGenerator.stall());
      long[] cpu = {cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1]};
      progress.accept("checking outcomes and balances");
      int failed = failedCalls(watch, transfers);
      long[] expected = expectedBalances(total, n, outcome.refused());
      int mismatches = 0;
      for (int i = 0; i < n; i++) {
        if (chain.balance(keys.get(i).publicKey()) != expected[i]) {
          mismatches++;
        }
      }
      return report(
          measured, outcome, watch, ceiling, failed, n, mismatches, loadBefore, loadAfter, cpu);
    }
  }

  private void setUp(
      Submitter submitter, CommitWatch watch, String what, List<SignedTransaction> txs)
      throws InterruptedException, TimeoutException {
    progress.accept(what);
    Submitter.Outcome outcome = submitter.submit(bytes(txs));
    if (outcome.rejectedCount() > 0) {
      throw new IllegalStateException(what + ": the node refused " + outcome.rejected());
    }
    watch.awaitAll(txs.stream().map(tx -> tx.hash().toHex()).toList(), LoadGenerator.stall());
  }

  /** Funded with {@code total}, then one token along the ring per executed transfer. */
  private long[] expectedBalances(int total, int n, boolean[] refused) {
    long[] expected = new long[n];
    java.util.Arrays.fill(expected, total);
    for (int k = 0; k < total; k++) {
      if (k >= settings.warmup && refused[k - settings.warmup]) {
        continue;
      }
      expected[k % n]--;
      expected[(k + 1) % n]++;
    }
    return expected;
  }

  /** Our transfers whose call failed, looked up in the blocks whose error hash is not empty. */
  private int failedCalls(CommitWatch watch, List<SignedTransaction> transfers) {
    Set<String> ours = new HashSet<>();
    transfers.forEach(tx -> ours.add(tx.hash().toHex()));
    int failed = 0;
    for (CommitWatch.SeenBlock block : watch.blocks()) {
      if (!block.withoutErrors()) {
        for (String tx : chain.blockTransactions(block.height())) {
          if (ours.contains(tx) && chain.failed(tx)) {
            failed++;
          }
        }
      }
    }
    return failed;
  }

  private LoadReport report(
      List<SignedTransaction> measured,
      Submitter.Outcome outcome,
      CommitWatch watch,
      double ceiling,
      int failed,
      int walletsChecked,
      int mismatches,
      double loadBefore,
      double loadAfter,
      long[] cpu) {
    long[] latencies = new long[measured.size()];
    int committed = 0;
    long lastCommit = outcome.firstSent();
    Set<Long> blocks = new HashSet<>();
    for (int i = 0; i < measured.size(); i++) {
      Long at = watch.committedAt(measured.get(i).hash().toHex());
      if (at != null) {
        latencies[committed++] = at - outcome.submittedAt()[i];
        lastCommit = Math.max(lastCommit, at);
        blocks.add(at);
      }
    }
    Map<String, Object> asked = new LinkedHashMap<>();
    asked.put("transactions", settings.transactions);
    asked.put("connections", settings.connections);
    asked.put("batch", settings.batch);
    asked.put("wallets", settings.wallets);
    asked.put("warmup", settings.warmup);
    double submitSeconds = (outcome.lastAnswered() - outcome.firstSent()) / 1e9;
    double seconds = (lastCommit - outcome.firstSent()) / 1e9;
    return new LoadReport(
        asked,
        measured.size(),
        committed,
        failed,
        outcome.rejected(),
        outcome.retries(),
        outcome.requests(),
        seconds,
        submitSeconds > 0 ? measured.size() / submitSeconds : 0,
        LoadReport.percentilesMillis(
            java.util.Arrays.copyOf(latencies, committed), 50, 90, 99, 100),
        blocks.size(),
        ceiling,
        settings.ceilingThreads,
        walletsChecked,
        mismatches,
        new double[] {loadBefore, loadAfter},
        cpu[0] < 0 ? -1 : cpu[0] / 1e9 / seconds,
        cpu[1] / 1e9 / seconds);
  }

  /** CPU time so far of the node (-1 if unknown) and of this JVM. */
  private long[] cpuNanos() {
    long node =
        nodeProcess
            .flatMap(p -> p.info().totalCpuDuration())
            .map(Duration::toNanos)
            .orElse(Long.MIN_VALUE / 2);
    long own =
        ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    return new long[] {node, own};
  }

  private static List<byte[]> bytes(List<SignedTransaction> txs) {
    return txs.stream().map(SignedTransaction::bytes).toList();
  }
}
