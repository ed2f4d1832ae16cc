package io.polyhost.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the load generator with small numbers against nodes of its own (child JVMs with the packaged
 * wallet) and checks that every transfer is committed and the report adds up. No timing is
 * asserted: the figures depend on the machine.
 */
class LoadGeneratorIT {
  /** Where the reactor's wallet module packages the example (see artifacts/java/pom.xml). */
  private static final Path WALLET_JAR = Path.of("..", "artifacts", "deploy", "wallet-1.0.0.jar");

  @TempDir static Path artifacts;

  @BeforeAll
  static void copyWallet() throws IOException {
    assertThat(WALLET_JAR)
        .as("build the wallet first: ./mvnw -pl artifacts/java/wallet -am package -DskipTests")
        .isRegularFile();
    Files.copy(WALLET_JAR, artifacts.resolve(WALLET_JAR.getFileName()));
  }

  @Test
  void batchesOfTransfersAllCommitAndTheReportAddsUp() throws Exception {
    LoadReport report =
        run(
            "--transactions",
            "200",
            "--wallets",
            "10",
            "--warmup",
            "40",
            "--connections",
            "3",
            "--batch",
            "25");

    assertThat(report.committed()).isEqualTo(200);
    assertThat(report.failed()).isZero();
    assertThat(report.rejected()).isEmpty();
    assertThat(report.walletsChecked()).isEqualTo(10);
    assertThat(report.balanceMismatches()).isZero();
    assertThat(report.allSucceeded()).isTrue();
    assertThat(report.requests()).isGreaterThanOrEqualTo(200 / 25);
    assertConsistent(report);

    JsonNode json = JsonMapper.builder().build().readTree(report.json());
    assertThat(json.path("committed").asInt()).isEqualTo(200);
    assertThat(json.path("settings").path("batch").asInt()).isEqualTo(25);
    assertThat(json.path("committed_tx_per_s").asDouble())
        .isCloseTo(report.committedPerSecond(), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(json.path("all_succeeded").asBoolean()).isTrue();
  }

  @Test
  void oneTransferPerRequestUsesTheSingleEndpoint() throws Exception {
    LoadReport report =
        run(
            "--transactions",
            "60",
            "--wallets",
            "4",
            "--warmup",
            "0",
            "--connections",
            "2",
            "--batch",
            "1");

    assertThat(report.committed()).isEqualTo(60);
    assertThat(report.requests()).isEqualTo(60 + report.retries());
    assertThat(report.allSucceeded()).isTrue();
    assertConsistent(report);
  }

  @Test
  void badSettingsAreRefusedWithTheRule() {
    LoadGenerator generator = new LoadGenerator();
    CommandLine command = new CommandLine(generator);
    java.io.StringWriter err = new java.io.StringWriter();
    command.setErr(new java.io.PrintWriter(err));

    int code = command.execute("--wallets", "1");

    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("--wallets at least 2");
  }

  private static LoadReport run(String... args) throws Exception {
    LoadGenerator generator = new LoadGenerator();
    new CommandLine(generator)
        .parseArgs(concat(args, "--artifacts-dir", artifacts.toString(), "--ceiling-seconds", "1"));
    return generator.measure();
  }

  private static void assertConsistent(LoadReport report) {
    double[] latency = report.latencyMillis();
    assertThat(latency[0]).isPositive();
    assertThat(latency).isSorted();
    assertThat(report.seconds()).isPositive();
    assertThat(report.committedPerSecond()).isEqualTo(report.committed() / report.seconds());
    assertThat(report.blocks()).isBetween(1, report.committed());
    assertThat(report.ceiling()).isPositive();
    assertThat(report.ceilingThreads()).isEqualTo(2);
    // No transfer can take longer than the span from the first submission to the last commit.
    assertThat(latency[3] / 1000).isLessThanOrEqualTo(report.seconds() + 1e-9);
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
