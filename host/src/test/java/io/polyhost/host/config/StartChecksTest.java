package io.polyhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartChecksTest {
  @TempDir Path dir;

  @Test
  void theSamePortTwiceIsRefusedWhateverTheOrderOfSettings() {
    NodeConfig clash = NodeConfig.defaults().withPrivatePort(8200);
    assertThatThrownBy(() -> StartChecks.require(clash))
        .hasMessageContaining("public-api and private-api are both 127.0.0.1:8200")
        .hasMessageContaining("--private-port");
    // Passing through a clash on the way to a good config is fine.
    NodeConfig fine = clash.withPublicPort(8300);
    assertThat(StartChecks.require(fine)).isEqualTo(fine);
  }

  @Test
  void foldersThatAreFilesAreRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    NodeConfig config = NodeConfig.defaults().withDataDir(file).withArtifactsDir(file);
    assertThatThrownBy(() -> StartChecks.require(config))
        .isInstanceOfSatisfying(
            InvalidConfigException.class, e -> assertThat(e.problems()).hasSize(2))
        .hasMessageContaining("data-dir " + file + " is a file, not a folder")
        .hasMessageContaining("artifacts-dir " + file + " is a file");
  }

  @Test
  void theDefaultsPassAndKeepThePrivateApiOnLoopback() {
    NodeConfig config = NodeConfig.defaults().withDataDir(dir.resolve("new"));
    assertThat(StartChecks.require(config)).isEqualTo(config);
    assertThat(StartChecks.privateApiOnLoopback(config)).isTrue();
    assertThat(
            StartChecks.privateApiOnLoopback(
                config.withPrivateApi(new ListenAddress("0.0.0.0", 8091))))
        .isFalse();
  }
}
