package io.polyhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigFileTest {
  @TempDir Path dir;

  @Test
  void writtenConfigIsReadBackWithFoldersFromTheFilesFolder() {
    Path file = dir.resolve("node/node.json");
    NodeConfig config =
        NodeConfig.defaults()
            .withDataDir(dir.resolve("node"))
            .withArtifactsDir(dir.resolve("artifacts"))
            .withPublicPort(9000)
            .withPrivatePort(9001);
    NodeConfigFile.write(file, config);
    NodeConfig read = NodeConfigFile.read(file, NodeConfig.defaults());
    assertThat(read.dataDir().normalize()).isEqualTo(dir.resolve("node").toAbsolutePath());
    assertThat(read.artifactsDir().normalize())
        .isEqualTo(dir.resolve("artifacts").toAbsolutePath());
    assertThat(read.publicApi()).isEqualTo(ListenAddress.loopback(9000));
    assertThat(read.privateApi()).isEqualTo(ListenAddress.loopback(9001));
  }

  @Test
  void anUnknownKeyIsNamed() throws Exception {
    Path file = dir.resolve("node.json");
    Files.writeString(file, "{\"data_dir\": \".\"}");
    assertThatThrownBy(() -> NodeConfigFile.read(file, NodeConfig.defaults()))
        .hasMessageContaining("Unknown key 'data_dir'")
        .hasMessageContaining("data-dir");
  }

  @Test
  void aBadAddressSaysTheExpectedForm() throws Exception {
    Path file = dir.resolve("node.json");
    Files.writeString(file, "{\"public-api\": \"localhost\"}");
    assertThatThrownBy(() -> NodeConfigFile.read(file, NodeConfig.defaults()))
        .hasMessageContaining("host:port");
  }

  @Test
  void theSamePortTwiceIsRefused() {
    assertThatThrownBy(() -> NodeConfig.defaults().withPrivatePort(8200))
        .hasMessageContaining("--private-port");
  }
}
