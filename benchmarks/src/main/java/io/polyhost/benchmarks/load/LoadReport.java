package io.polyhost.benchmarks.load;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The figures of one load run, as text for people and JSON for machines.
 *
 * @param settings what was asked: transactions, connections, batch, wallets, warm-up
 * @param requested how many measured transfers were submitted
 * @param committed measured transfers seen in committed blocks
 * @param failed committed transfers whose call failed
 * @param rejected refusals by reason (a full pool is retried, not counted)
 * @param retries messages sent again because the pool was full
 * @param requests HTTP requests of the measured submission
 * @param seconds from the first submission to the commit of the last transfer
 * @param admittedPerSecond transfers answered per second, first request to last answer
 * @param latencyMillis submission-to-commit latency: p50, p90, p99, max
 * @param blocks blocks holding measured transfers
 * @param ceiling raw Ed25519 verifications per second on {@code ceilingThreads} threads
 * @param balanceMismatches wallets whose balance is not what the transfers imply
 * @param loadAverage the machine's one-minute load average before and after the measured run
 * @param nodeCores the node's CPU time during the measured run over its duration (how many cores it
 *     kept busy), or -1 if the node is not a child of the generator
 * @param generatorCores the same for the generator's own JVM
 */
record LoadReport(
    Map<String, Object> settings,
    int requested,
    int committed,
    int failed,
    Map<String, Integer> rejected,
    int retries,
    int requests,
    double seconds,
    double admittedPerSecond,
    double[] latencyMillis,
    int blocks,
    double ceiling,
    int ceilingThreads,
    int walletsChecked,
    int balanceMismatches,
    double[] loadAverage,
    double nodeCores,
    double generatorCores) {

  /** Committed transfers per second, first submission to last commit. */
  double committedPerSecond() {
    return seconds > 0 ? committed / seconds : 0;
  }

  /** The node's CPU time per committed transfer in microseconds, or -1 if unknown. */
  double nodeMicrosPerTx() {
    return nodeCores < 0 || committed == 0 ? -1 : nodeCores * seconds * 1e6 / committed;
  }

  /** Whether every transfer was admitted, committed and executed as it should. */
  boolean allSucceeded() {
    return failed == 0 && rejected.isEmpty() && balanceMismatches == 0 && committed == requested;
  }

  /** Nearest-rank percentiles {@code p} (0..100) of {@code nanos}, in milliseconds. */
  static double[] percentilesMillis(long[] nanos, double... p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      int rank = (int) Math.ceil(p[i] / 100 * sorted.length);
      out[i] = sorted.length == 0 ? 0 : sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1e6;
    }
    return out;
  }

  String text() {
    StringBuilder s = new StringBuilder();
    line(s, "settings", "%s", settings);
    line(
        s,
        "committed",
        "%,d transfers in %,d blocks (%.0f per block) in %.2f s",
        committed,
        blocks,
        blocks == 0 ? 0.0 : (double) committed / blocks,
        seconds);
    line(
        s,
        "throughput",
        "%,.0f committed tx/s (admitted %,.0f tx/s)",
        committedPerSecond(),
        admittedPerSecond);
    line(
        s,
        "latency",
        "p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms (submit to commit)",
        latencyMillis[0],
        latencyMillis[1],
        latencyMillis[2],
        latencyMillis[3]);
    line(
        s,
        "ceiling",
        "%,.0f Ed25519 verifications/s on %d threads; committed/ceiling %.2f",
        ceiling,
        ceilingThreads,
        ceiling > 0 ? committedPerSecond() / ceiling : 0.0);
    line(
        s,
        "outcomes",
        "%d failed, %d rejected %s, %d pool-full retries, %d requests",
        failed,
        rejected.values().stream().mapToInt(Integer::intValue).sum(),
        rejected,
        retries,
        requests);
    line(s, "balances", "%d wallets checked, %d wrong", walletsChecked, balanceMismatches);
    line(
        s,
        "machine",
        "%d cores, load average %.1f before, %.1f after; CPU in use: node %.2f cores (%.0f µs"
            + " per transfer), generator %.2f",
        Runtime.getRuntime().availableProcessors(),
        loadAverage[0],
        loadAverage[1],
        nodeCores,
        nodeMicrosPerTx(),
        generatorCores);
    line(
        s,
        "result",
        allSucceeded() ? "every transfer committed and succeeded" : "FAILED: see above");
    return s.toString();
  }

  String json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("settings", settings);
    json.put("committed", committed);
    json.put("failed", failed);
    json.put("rejected", rejected);
    json.put("retries", retries);
    json.put("requests", requests);
    json.put("seconds", seconds);
    json.put("committed_tx_per_s", committedPerSecond());
    json.put("admitted_tx_per_s", admittedPerSecond);
    json.put(
        "latency_ms",
        Map.of(
            "p50", latencyMillis[0],
            "p90", latencyMillis[1],
            "p99", latencyMillis[2],
            "max", latencyMillis[3]));
    json.put("blocks", blocks);
    json.put("ceiling_verify_per_s", ceiling);
    json.put("ceiling_threads", ceilingThreads);
    json.put("committed_over_ceiling", ceiling > 0 ? committedPerSecond() / ceiling : 0.0);
    json.put("wallets_checked", walletsChecked);
    json.put("balance_mismatches", balanceMismatches);
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("load_average", Map.of("before", loadAverage[0], "after", loadAverage[1]));
    json.put("node_cores", nodeCores);
    json.put("node_cpu_us_per_tx", nodeMicrosPerTx());
    json.put("generator_cores", generatorCores);
    json.put("all_succeeded", allSucceeded());
    return JsonMapper.builder().build().writeValueAsString(json);
  }

  private static void line(StringBuilder s, String label, String format, Object... args) {
    s.append(
        String.format(
            Locale.ROOT, "%-11s %s%n", label + ":", String.format(Locale.ROOT, format, args)));
  }
}
