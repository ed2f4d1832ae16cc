package io.polyhost.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.host.config.NodeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client commands in-process through picocli against a real node (ports 0, a temporary data
 * folder, a JavaScript service written into its artifacts folder): the lifecycle, a transaction
 * from JSON arguments, a proven read, and what goes wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientCommandsIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String BANK =
      """
      export const artifact = { name: "bank", version: "VERSION" };
      export const service = {
        transactions: {
          deposit: { id: 0, run(ctx, args) {
            if (typeof args?.amount !== "number") {
              throw new ExecutionError(7, "amount must be a number");
            }
            const balances = ctx.storage.proofMap("balances");
            balances.put(args.to, (balances.get(args.to) ?? 0) + args.amount);
          } },
        },
        endpoints: { public: {
          balance(ctx, query) { return ctx.storage.proofMap("balances").get(query.owner) ?? 0; },
        } },
      };
      """;

  Path dir;
  LaunchedNode node;
  Path key;

  /** What one command printed and returned. */
  record Run(int code, String out, String err) {
    JsonNode json() {
      return JSON.readTree(out);
    }
  }

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    dir = temp;
    Path artifacts = dir.resolve("artifacts");
    Files.createDirectories(artifacts);
    Files.writeString(
        artifacts.resolve("bank.mjs"), BANK.replace("VERSION", "1.0.0"), StandardCharsets.UTF_8);
    Files.writeString(
        artifacts.resolve("bank-2.mjs"),
        BANK.replace("VERSION", "2.0.0")
            // Takes over 1.0.0's data as it is: a fast-forward migration.
            + "export const migrations = { from: \"1.0.0\", scripts: [] };\n",
        StandardCharsets.UTF_8);
    node =
        LaunchedNode.start(
            NodeConfig.defaults()
                .withDataDir(dir.resolve("data"))
                .withArtifactsDir(artifacts)
                .withPublicPort(0)
                .withPrivatePort(0));
    key = dir.resolve("alice.key");
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  @Order(1)
  void artifactsListsTheFolderOnceTheFilesSettle() throws Exception {
    Run run = cli("artifacts", "--json");
    for (int i = 0; i < 100 && run.json().get("available").size() < 2; i++) {
      Thread.sleep(100);
      run = cli("artifacts", "--json");
    }
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.json().get("available").get(0).get("artifact").asString())
        .isEqualTo("2:bank:2.0.0");
    assertThat(run.json().get("deployed").toString()).contains("supervisor");
    assertThat(cli("artifacts").out()).contains("2:bank:1.0.0").contains("available");
  }

  @Test
  @Order(2)
  void startDeploysAndStartsTheService() {
    Run start = cli("start", "2:bank:1.0.0", "--name", "bank");
    assertThat(start.code()).as(start.err()).isZero();
    assertThat(start.out()).contains("started 'bank'");
    Run services = cli("services");
    assertThat(services.out()).containsPattern("bank\\s+\\d+\\s+2:bank:1.0.0\\s+active");
    assertThat(cli("artifacts").out()).containsPattern("2:bank:1.0.0\\s+deployed");
  }

  @Test
  @Order(3)
  void aTransactionFromJsonArgumentsIsCommittedAndProven() {
    Run keygen = cli("keygen", "--output", key.toString());
    assertThat(keygen.code()).as(keygen.err()).isZero();
    assertThat(keygen.out()).startsWith("public key ");
    assertThat(keygen.out()).contains(readPublicKey(key));

    Run tx = tx("deposit", "{\"to\": \"alice\", \"amount\": 5}");
    assertThat(tx.code()).as(tx.err()).isZero();
    assertThat(tx.out()).contains("proven): success");
    Run byId = tx("0", "{\"to\": \"alice\", \"amount\": 3}", "--json");
    assertThat(byId.code()).as(byId.err()).isZero();
    assertThat(byId.json().get("status").get("type").asString()).isEqualTo("success");
    assertThat(byId.json().get("proven").asBoolean()).isTrue();

    Run failed = tx("deposit", "{\"to\": \"alice\", \"amount\": \"many\"}");
    assertThat(failed.code()).as("a failed call exits with 1").isEqualTo(1);
    assertThat(failed.out()).contains("failed with service error 7: amount must be a number");
  }

  @Test
  @Order(4)
  void aReadWithAProofIsVerified() {
    Run plain = cli("read", "--service", "bank", "--endpoint", "balance", "--query", "owner=alice");
    assertThat(plain.code()).as(plain.err()).isZero();
    assertThat(plain.out().strip()).isEqualTo("8");
    assertThat(plain.err()).contains("no proof");

    Run proven = proofRead("alice");
    assertThat(proven.code()).as(proven.err()).isZero();
    assertThat(proven.out()).contains("bank.balances[alice] = 8").contains("proof verified: block");

    Run absent = proofRead("nobody");
    assertThat(absent.code()).as(absent.err()).isZero();
    assertThat(absent.out()).contains("bank.balances[nobody] = (absent)");

    Run json = proofRead("alice", "--json");
    assertThat(json.json().get("verified").asBoolean()).isTrue();
    assertThat(json.json().get("verified_value").asString()).isEqualTo("8");
  }

  @Test
  @Order(5)
  void aProofAgainstOtherValidatorKeysFailsLoudly() {
    String stranger = "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29";
    Run run = proofRead("alice", "--validator-key", stranger);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("proof does not verify").contains("consensus key");
  }

  @Test
  @Order(6)
  void freezeResumeAndStopChangeTheStatus() {
    Run freeze = cli("freeze", "bank");
    assertThat(freeze.code()).as(freeze.err()).isZero();
    assertThat(freeze.out()).contains("'bank' is frozen");
    assertThat(proofRead("alice").code()).as("a frozen service's data stays readable").isZero();
    Run refused = tx("deposit", "{\"to\": \"bob\", \"amount\": 1}");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).containsIgnoringCase("frozen");

    assertThat(cli("resume", "bank").out()).contains("'bank' is active");
    assertThat(tx("deposit", "{\"to\": \"bob\", \"amount\": 2}").code()).isZero();
    Run stop = cli("stop", "bank", "--json");
    assertThat(stop.code()).as(stop.err()).isZero();
    assertThat(stop.json().get("status").get("type").asString()).isEqualTo("stopped");
    assertThat(cli("resume", "bank").code()).isZero();
  }

  @Test
  @Order(7)
  void deployAndUnloadAnotherVersion() {
    Run deploy = cli("deploy", "2:bank:2.0.0");
    assertThat(deploy.code()).as(deploy.err()).isZero();
    assertThat(deploy.out()).contains("2:bank:2.0.0: deployed");
    assertThat(cli("deploy", "2:bank:2.0.0").out()).contains("already deployed");
    Run unload = cli("unload", "2:bank:2.0.0");
    assertThat(unload.code()).as(unload.err()).isZero();
    assertThat(cli("artifacts", "--json").json().get("deployed").toString())
        .doesNotContain("\"version\":\"2.0.0\"");
  }

  @Test
  @Order(8)
  void statusShowsHeightAndPool() {
    Run status = cli("status");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).contains("height:").contains("pool:").contains("javascript (2)");
    assertThat(cli("status", "--json").json().get("stats").get("height").asLong()).isPositive();
  }

  @Test
  @Order(9)
  void mistakesAreExplained() throws Exception {
    Run unknownService = tx("deposit", "{}", "--service", "nope");
    assertThat(unknownService.code()).isEqualTo(1);
    assertThat(unknownService.err()).contains("No service named 'nope'");

    Run badJson = tx("deposit", "{oops");
    assertThat(badJson.code()).isEqualTo(2);
    assertThat(badJson.err()).contains("not valid JSON");

    Run wrongMethod = tx("withdraw", "{}");
    assertThat(wrongMethod.code()).isEqualTo(2);
    assertThat(wrongMethod.err()).contains("no method 'withdraw'").contains("deposit (0)");

    Run unknownEndpoint = cli("read", "--service", "bank", "--endpoint", "nothing");
    assertThat(unknownEndpoint.code()).isEqualTo(1);
    assertThat(unknownEndpoint.err()).contains("has no endpoint 'nothing'");

    Run notAnArtifact = cli("deploy", "2:ghost:1.0.0");
    assertThat(notAnArtifact.code()).isEqualTo(1);
    assertThat(notAnArtifact.err()).contains("No file in the artifacts folder");

    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    Run down = run(List.of("services", "--node", "http://127.0.0.1:" + freePort));
    assertThat(down.code()).isEqualTo(1);
    assertThat(down.err()).contains("does not answer").contains("is it running");
  }

  @Test
  @Order(10)
  void migrateMovesAStoppedServiceToANewerArtifactAndItsDataStays() {
    assertThat(cli("deploy", "2:bank:2.0.0").code()).isZero();
    Run notStopped = cli("migrate", "--service", "bank", "--to", "2:bank:2.0.0");
    assertThat(notStopped.code()).as(notStopped.out()).isEqualTo(1);
    assertThat(notStopped.err()).containsIgnoringCase("stopped or frozen");

    assertThat(cli("stop", "bank").code()).isZero();
    Run migrate = cli("migrate", "--service", "bank", "--to", "2:bank:2.0.0", "--json");
    assertThat(migrate.code()).as(migrate.err()).isZero();
    JsonNode state = migrate.json().get("service_state");
    assertThat(state.toString()).contains("2.0.0");

    assertThat(cli("resume", "bank").code()).as("resumed on the new artifact").isZero();
    Run read = cli("read", "--service", "bank", "--endpoint", "balance", "--query", "owner=bob");
    assertThat(read.code()).as(read.err()).isZero();
    assertThat(read.out().trim()).as("bob's deposits survive the migration").isEqualTo("2");
  }

  private Run proofRead(String owner, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "read",
                "--service",
                "bank",
                "--endpoint",
                "state-proof",
                "--query",
                "index=balances",
                "--query",
                "key=" + owner));
    args.addAll(List.of(more));
    return cli(args.toArray(String[]::new));
  }

  private Run tx(String method, String args, String... more) {
    List<String> all = new ArrayList<>(List.of("tx", "--service", "bank"));
    all.addAll(List.of(more));
    all.addAll(List.of("--method", method, "--args", args, "--key", key.toString()));
    return cli(dedupeService(all).toArray(String[]::new));
  }

  /** Keeps the last {@code --service} when a test overrides the default one. */
  private static List<String> dedupeService(List<String> args) {
    int last = args.lastIndexOf("--service");
    int first = args.indexOf("--service");
    if (first != last) {
      List<String> copy = new ArrayList<>(args);
      copy.remove(first + 1);
      copy.remove(first);
      return copy;
    }
    return args;
  }

  private Run cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--node",
            "http://127.0.0.1:" + node.publicPort(),
            "--admin",
            "http://127.0.0.1:" + node.privatePort(),
            "--timeout",
            "60"));
    if (args[0].equals("keygen")) {
      all = new ArrayList<>(List.of(args));
    }
    return run(all);
  }

  private static Run run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = PolyhostCommand.commandLine(n -> {});
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  /** keygen writes the public key beside the key file, for scripts. */
  private static String readPublicKey(java.nio.file.Path key) {
    try {
      String hex =
          java.nio.file.Files.readString(key.resolveSibling(key.getFileName() + ".pub")).trim();
      assertThat(hex).matches("[0-9a-f]{64}");
      return hex;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
