package io.polyhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeConfigFileTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"node.toml", "node.json"})
  void writtenConfigIsReadBackWithFoldersFromTheFilesFolder(String name) {
    Path file = dir.resolve("node").resolve(name);
    NodeConfig config =
        NodeConfig.defaults()
            .withDataDir(dir.resolve("node"))
            .withArtifactsDir(dir.resolve("artifacts with \"quotes\""))
            .withPublicPort(9000)
            .withPrivatePort(9001)
            .withBatchLimits(50, 4096)
            .withLogFormat(LogFormat.JSON);
    NodeConfigFile.write(file, config);
    NodeConfig read = NodeConfigFile.read(file, NodeConfig.defaults());
    assertThat(read.dataDir().normalize()).isEqualTo(dir.resolve("node").toAbsolutePath());
    assertThat(read.artifactsDir().normalize())
        .isEqualTo(dir.resolve("artifacts with \"quotes\"").toAbsolutePath());
    assertThat(read.publicApi()).isEqualTo(ListenAddress.loopback(9000));
    assertThat(read.privateApi()).isEqualTo(ListenAddress.loopback(9001));
    assertThat(read.maxBatchTransactions()).isEqualTo(50);
    assertThat(read.maxBatchBytes()).isEqualTo(4096);
    assertThat(read.logFormat()).isEqualTo(LogFormat.JSON);
  }

  @Test
  void aHandWrittenTomlFileWithTablesIsRead() throws Exception {
    Path file =
        write(
            """
            # comments are fine
            public-api = "0.0.0.0:9100"

            [http]
            max-batch-transactions = 10

            [log]
            format = "json"
            """);
    NodeConfig read = NodeConfigFile.read(file, NodeConfig.defaults());
    assertThat(read.publicApi()).isEqualTo(new ListenAddress("0.0.0.0", 9100));
    assertThat(read.maxBatchTransactions()).isEqualTo(10);
    assertThat(read.maxBatchBytes()).isEqualTo(NodeConfig.DEFAULT_MAX_BATCH_BYTES);
    assertThat(read.logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(read.privateApi()).isEqualTo(NodeConfig.defaults().privateApi());
  }

  @Test
  void everyProblemIsReportedAtOnceWithWhatToWrite() throws Exception {
    Path file =
        write(
            """
            data_dir = "."
            public-api = "localhost"
            private-api = "127.0.0.1:70000"

            [http]
            max-batch-transactions = "many"
            max-batch-bytes = 12

            [log]
            format = "xml"
            colour = true
            """);
    assertThatThrownBy(() -> NodeConfigFile.read(file, NodeConfig.defaults()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class, e -> assertThat(e.problems()).hasSize(7))
        .hasMessageContaining("has 7 problems")
        .hasMessageContaining("unknown setting data_dir; did you mean 'data-dir'?")
        .hasMessageContaining("public-api = 'localhost': must be host:port")
        .hasMessageContaining("Port 70000 is out of range")
        .hasMessageContaining("http.max-batch-transactions = 'many': must be a whole number")
        .hasMessageContaining("max-batch-bytes must be at least 1024")
        .hasMessageContaining("must be \"text\" or \"json\"")
        .hasMessageContaining("unknown setting log.colour");
  }

  @Test
  void invalidTomlNamesTheLine() throws Exception {
    Path file = write("public-api = \"127.0.0.1:1\"\n\ndata-dir = = 3\n");
    assertThatThrownBy(() -> NodeConfigFile.read(file, NodeConfig.defaults()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("not valid TOML")
        .hasMessageContaining("line 3");
  }

  @Test
  void anArrayIsNotASetting() throws Exception {
    Path file = write("public-api = [\"127.0.0.1:1\"]\n");
    assertThatThrownBy(() -> NodeConfigFile.read(file, NodeConfig.defaults()))
        .hasMessageContaining("public-api must be a single value");
  }

  @Test
  void anUnknownJsonKeyIsNamed() throws Exception {
    Path file = dir.resolve("node.json");
    Files.writeString(file, "{\"datadir\": \".\"}");
    assertThatThrownBy(() -> NodeConfigFile.read(file, NodeConfig.defaults()))
        .hasMessageContaining("unknown setting datadir")
        .hasMessageContaining("data-dir");
  }

  private Path write(String toml) throws Exception {
    Path file = dir.resolve("node.toml");
    Files.writeString(file, toml);
    return file;
  }
}
