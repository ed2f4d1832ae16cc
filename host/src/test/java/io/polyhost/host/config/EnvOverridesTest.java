package io.polyhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvOverridesTest {
  @Test
  void variablesOverrideTheirSettingsAndOthersAreIgnored() {
    NodeConfig config =
        EnvOverrides.apply(
            Map.of(
                "POLYHOST_PUBLIC_API", "127.0.0.1:9300",
                "POLYHOST_DATA_DIR", "elsewhere",
                "POLYHOST_HTTP_MAX_BATCH_BYTES", "2048",
                "POLYHOST_LOG_FORMAT", "JSON",
                "HOME", "/root"),
            NodeConfig.defaults());
    assertThat(config.publicApi()).isEqualTo(ListenAddress.loopback(9300));
    assertThat(config.dataDir()).isEqualTo(Path.of("elsewhere"));
    assertThat(config.maxBatchBytes()).isEqualTo(2048);
    assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(config.privateApi()).isEqualTo(NodeConfig.defaults().privateApi());
  }

  @Test
  void unknownVariablesAndBadValuesAreAllNamed() {
    assertThatThrownBy(() ->
            EnvOverrides.apply(
                Map.of("POLYHOST_PUBLIC_PORT", "9000", "POLYHOST_PRIVATE_API", "nowhere"),
                NodeConfig.defaults()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class, e -> assertThat(e.problems()).hasSize(2))
        .hasMessageContaining("The environment has 2 problems")
        .hasMessageContaining("unknown environment variable POLYHOST_PUBLIC_PORT")
        .hasMessageContaining("POLYHOST_PUBLIC_API")
        .hasMessageContaining("POLYHOST_PRIVATE_API = 'nowhere': must be host:port");
  }
}
