package io.polyhost.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.host.config.NodeHome;
import io.polyhost.host.http.HttpClientSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code polyhost run} in-process on ports 0: the first start creates keys and genesis, a restart
 * reuses them and the chain it left.
 */
class RunCommandIT {
  @TempDir Path dir;

  /** What one run saw while it served: the keys, genesis hash and the API's answers. */
  record Seen(
      String consensusKey, String serviceKey, String genesis, JsonNode info, JsonNode block) {}

  @Test
  void keysAndGenesisAreCreatedOnceAndReused() throws Exception {
    Path data = dir.resolve("data");
    Seen first = runOnce(data);
    Path consensusKey = NodeHome.consensusKeyFile(data);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(consensusKey)))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(NodeHome.serviceKeyFile(data))))
        .isEqualTo("rw-------");
    assertThat(first.consensusKey()).isNotEqualTo(first.serviceKey());
    List<Integer> runtimeIds = new ArrayList<>();
    first.info().get("runtimes").forEach(r -> runtimeIds.add(r.get("id").asInt()));
    assertThat(runtimeIds).containsExactlyInAnyOrder(1, 2);
    long keyModified = Files.getLastModifiedTime(consensusKey).toMillis();

    Seen second = runOnce(data);
    assertThat(second.consensusKey()).isEqualTo(first.consensusKey());
    assertThat(second.serviceKey()).isEqualTo(first.serviceKey());
    assertThat(second.genesis()).isEqualTo(first.genesis());
    assertThat(Files.getLastModifiedTime(consensusKey).toMillis()).isEqualTo(keyModified);
    assertThat(second.block().get("hash").asString())
        .as("the restarted node serves the same genesis block")
        .isEqualTo(first.block().get("hash").asString());
  }

  @Test
  void aBadFlagIsAnsweredWithUsage() {
    int code =
        PolyhostCommand.commandLine(node -> {}).execute("run", "--public-port", "not-a-port");
    assertThat(code).isEqualTo(2);
  }

  @Test
  void generateConfigPreparesAFolderThatRunStartsFrom() throws Exception {
    Path folder = dir.resolve("validator");
    int code =
        PolyhostCommand.commandLine(node -> {})
            .execute(
                "generate-config",
                "--output-dir",
                folder.toString(),
                "--artifacts-dir",
                dir.resolve("artifacts").toString());
    assertThat(code).isZero();
    assertThat(folder.resolve("node.toml")).exists();
    assertThat(NodeHome.genesisFile(folder)).exists();
    String key = Files.readString(NodeHome.consensusKeyFile(folder));

    AtomicReference<String> used = new AtomicReference<>();
    int runCode =
        PolyhostCommand.commandLine(
                node -> {
                  used.set(node.home().consensusKeys().secretKey().toHex());
                  node.close();
                })
            .execute(
                "run",
                "--config",
                folder.resolve("node.toml").toString(),
                "--public-port",
                "0",
                "--private-port",
                "0");
    assertThat(runCode).isZero();
    assertThat(used.get()).isEqualTo(key.strip());
    assertThat(folder.resolve("db")).isDirectory();
  }

  private Seen runOnce(Path data) throws Exception {
    AtomicReference<Seen> seen = new AtomicReference<>();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() ->
            PolyhostCommand.commandLine(
                    node -> {
                      var http = new HttpClientSupport(node.publicPort());
                      var admin = new HttpClientSupport(node.privatePort());
                      seen.set(
                          new Seen(
                              node.home().consensusKeys().publicKey().toHex(),
                              node.home().serviceKeys().publicKey().toHex(),
                              node.home().genesis().toString(),
                              admin.get("/api/system/v1/info").json(),
                              http.get("/api/explorer/v1/block?height=0").json()));
                      // As SIGTERM would: the shutdown closes the node, and run returns.
                      node.close();
                    })
                .execute(
                    "run",
                    "--data-dir",
                    data.toString(),
                    "--artifacts-dir",
                    dir.resolve("artifacts").toString(),
                    "--public-port",
                    "0",
                    "--private-port",
                    "0"));
    assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    return seen.get();
  }
}
