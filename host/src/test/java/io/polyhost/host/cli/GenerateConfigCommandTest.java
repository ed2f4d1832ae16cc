package io.polyhost.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.PublicKey;
import io.polyhost.host.config.GenesisFile;
import io.polyhost.host.config.KeyFiles;
import io.polyhost.host.config.NodeConfig;
import io.polyhost.host.config.NodeConfigFile;
import io.polyhost.host.config.NodeHome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateConfigCommandTest {
  @TempDir Path dir;
  private final StringWriter err = new StringWriter();

  @Test
  void severalValidatorsShareOneGenesisAndGetTheirOwnPorts() {
    Path out = dir.resolve("net");
    assertThat(run("generate-config", "--output-dir", out.toString(), "--validators", "3"))
        .isZero();
    var genesis = GenesisFile.read(NodeHome.genesisFile(out.resolve("validator-0")));
    List<PublicKey> listed =
        genesis.getConsensusConfig().getValidatorKeysList().stream()
            .map(v -> PublicKey.fromProto(v.getConsensusKey()))
            .toList();
    assertThat(listed).hasSize(3);
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      Path folder = out.resolve("validator-" + i);
      assertThat(GenesisFile.read(NodeHome.genesisFile(folder))).isEqualTo(genesis);
      assertThat(listed.get(i))
          .isEqualTo(KeyFiles.load(NodeHome.consensusKeyFile(folder)).publicKey());
      NodeConfig config = NodeConfigFile.read(folder.resolve("node.toml"), NodeConfig.defaults());
      assertThat(config.dataDir().normalize()).isEqualTo(folder.toAbsolutePath());
      assertThat(config.publicApi().host()).isEqualTo("127.0.0.1");
      ports.add(config.publicApi().port());
      ports.add(config.privateApi().port());
    }
    assertThat(ports).containsExactlyInAnyOrder(8200, 8201, 8202, 8091, 8092, 8093);
  }

  @Test
  void aMultiValidatorFolderIsRefusedByRunWithAReason() {
    Path out = dir.resolve("net");
    assertThat(run("generate-config", "--output-dir", out.toString(), "--validators", "2"))
        .isZero();
    int code =
        run(
            "run",
            "--config",
            out.resolve("validator-1").resolve("node.toml").toString(),
            "--public-port",
            "0",
            "--private-port",
            "0");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("names 2 validators").contains("single-validator");
  }

  @Test
  void overlappingPortsAreRefused() {
    int code =
        run(
            "generate-config",
            "--output-dir",
            dir.resolve("x").toString(),
            "--validators",
            "5",
            "--public-port",
            "9000",
            "--private-port",
            "9003");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("at least 5 apart");
  }

  @Test
  void aConfigErrorIsShownWithoutAStackTrace() throws Exception {
    Path file = dir.resolve("node.toml");
    java.nio.file.Files.writeString(file, "public-api = \"nowhere\"\n");
    assertThat(run("run", "--config", file.toString())).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("polyhost: The node configuration " + file + " has a problem:")
        .contains("must be host:port")
        .doesNotContain("Exception");
  }

  private int run(String... args) {
    CommandLine commandLine = PolyhostCommand.commandLine(node -> node.close(), java.util.Map.of());
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    return commandLine.execute(args);
  }
}
