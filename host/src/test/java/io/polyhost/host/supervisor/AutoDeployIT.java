package io.polyhost.host.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.host.cli.LaunchedNode;
import io.polyhost.host.config.NodeConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --auto-deploy --auto-start}: a file dropped into the folder becomes a running service. */
class AutoDeployIT {
  @TempDir Path dir;

  @Test
  void a_dropped_module_is_deployed_and_started() throws Exception {
    try (LaunchedNode node =
        LaunchedNode.start(
            NodeConfig.defaults()
                .withDataDir(dir.resolve("data"))
                .withArtifactsDir(dir.resolve("artifacts"))
                .withPublicPort(0)
                .withPrivatePort(0),
            new LaunchedNode.Automation(true, true))) {
      Files.writeString(
          dir.resolve("artifacts").resolve("e2e.mjs"),
          E2eArtifacts.jsModule(E2eArtifacts.JS_V1),
          StandardCharsets.UTF_8);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      boolean active = false;
      while (!active && System.nanoTime() < deadline) {
        active =
            node.node()
                .blockchain()
                .readState(s ->
                    s.instance(InstanceQuery.name("e2e-js"))
                        .flatMap(i -> i.status())
                        .filter(st -> st instanceof InstanceStatus.Active)
                        .isPresent());
        Thread.sleep(50);
      }
      assertThat(active).as("e2e-js started").isTrue();
    }
  }
}
