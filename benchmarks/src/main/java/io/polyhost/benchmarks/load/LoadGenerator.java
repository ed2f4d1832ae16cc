package io.polyhost.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./polyhost bench}: the end-to-end load test. Starts a node (or uses one), starts the Java
 * example wallet, creates and funds wallets, signs transfers beforehand, submits them over HTTP
 * from several connections and reports committed transactions per second, latency from submission
 * to commit, and the raw Ed25519 verify rate of the same machine as the ceiling.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Submits signed wallet transfers to a node over HTTP and reports committed tx/s, latency"
          + " percentiles (submit to commit) and the raw Ed25519 verify rate as the ceiling.",
      "Without --node it starts a node of its own (child JVM, free ports, temporary data folder)"
          + " with the wallet artifact from --artifacts-dir."
    })
public final class LoadGenerator implements Callable<Integer> {
  @Option(names = "--transactions", description = "Measured transfers (default: ${DEFAULT-VALUE}).")
  int transactions = 100_000;

  // Each connection waits for its answer before sending again; with 4 the node sat ~20 % idle on
  // 2 cores once the generator itself became cheap (see benchmarks/results, session 8).
  @Option(
      names = "--connections",
      description = "Concurrent HTTP connections (default: ${DEFAULT-VALUE}).")
  int connections = 8;

  @Option(
      names = "--batch",
      description =
          "Transfers per request; 1 uses the single-transaction endpoint (default: ${DEFAULT-VALUE}).")
  int batch = 100;

  @Option(
      names = "--wallets",
      description = "Wallets the transfers move between (default: ${DEFAULT-VALUE}).")
  int wallets = 1000;

  // The node's JIT compilers finish only after ~100-200k transfers on 2 cores: after 60,000 the
  // second C2 thread was still compiling inside the measured span, after 200,000 two runs gave
  // 10.5k and 10.9k tx/s at 168-174 us per transfer (benchmarks/results, session 9). A shorter
  // warm-up measures the compilers as much as the node.
  @Option(
      names = "--warmup",
      description =
          "Transfers submitted and committed before the measured ones, so that the node's JIT has"
              + " finished compiling (default: ${DEFAULT-VALUE}).")
  int warmup = 200_000;

  @Option(
      names = "--node",
      paramLabel = "URL",
      description = "A running node's public API instead of a node of our own.")
  @Nullable URI node;

  @Option(
      names = "--admin",
      paramLabel = "URL",
      description = "With --node: its private API, to start the wallet if the node has none.")
  @Nullable URI admin;

  @Option(
      names = "--service",
      description = "The wallet service's name (default: ${DEFAULT-VALUE}).")
  String service = "wallet";

  @Option(
      names = "--artifacts-dir",
      paramLabel = "DIR",
      description =
          "Where wallet-1.0.0.jar is, for the node of our own (default: artifacts/deploy).")
  @Nullable Path artifactsDir;

  @Option(
      names = "--ceiling-seconds",
      description = "How long the raw verify rate is measured (default: ${DEFAULT-VALUE}).")
  int ceilingSeconds = 4;

  @Option(
      names = "--ceiling-threads",
      description = "Threads of the raw verify rate (default: ${DEFAULT-VALUE}).")
  int ceilingThreads = 2;

  @Option(
      names = "--node-java-options",
      paramLabel = "OPTIONS",
      description =
          "Extra JVM options for the node of our own, space-separated (e.g. a flight recording).")
  String nodeJavaOptions = "";

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Spec @Nullable CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (transactions < 1 || connections < 1 || batch < 1 || wallets < 2 || warmup < 0) {
      throw new CommandLine.ParameterException(
          java.util.Objects.requireNonNull(spec, "picocli sets the spec").commandLine(),
          "--transactions, --connections and --batch must be at least 1, --wallets at least 2,"
              + " --warmup at least 0");
    }
    LoadReport report = measure();
    System.out.print(json ? report.json() + System.lineSeparator() : report.text());
    return report.allSucceeded() ? 0 : 1;
  }

  /** Runs the load as the options say and returns the figures. */
  LoadReport measure() throws InterruptedException, TimeoutException {
    if (node != null) {
      return new LoadRun(this, node, Optional.ofNullable(admin), Optional.empty(), this::progress)
          .run();
    }
    try (ChildNode own = ChildNode.start(artifactsDir(), javaOptions())) {
      progress("node started (pid " + own.pid() + ") at " + own.publicApi());
      return new LoadRun(
              this,
              own.publicApi(),
              Optional.of(own.privateApi()),
              Optional.of(own.process()),
              this::progress)
          .run();
    }
  }

  private Path artifactsDir() {
    if (artifactsDir != null) {
      return artifactsDir;
    }
    return Path.of(System.getProperty("polyhost.home", "."), "artifacts", "deploy");
  }

  private List<String> javaOptions() {
    return Arrays.stream(nodeJavaOptions.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  private void progress(String message) {
    System.err.println("bench: " + message);
  }

  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static Duration stall() {
    return Duration.ofSeconds(60);
  }

  /** Runs {@code args} as a {@code bench} command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadGenerator()).execute(args));
  }
}
