package io.polyhost.host.dispatcher;

import static io.polyhost.host.dispatcher.LifecycleFixtures.COUNTER;
import static io.polyhost.host.dispatcher.LifecycleFixtures.EXTRA;
import static io.polyhost.host.dispatcher.LifecycleFixtures.HOOKED;
import static io.polyhost.host.dispatcher.LifecycleFixtures.NONE;
import static io.polyhost.host.dispatcher.LifecycleFixtures.artifacts;
import static io.polyhost.host.dispatcher.LifecycleFixtures.assertFails;
import static io.polyhost.host.dispatcher.LifecycleFixtures.assertOk;
import static io.polyhost.host.dispatcher.LifecycleFixtures.events;
import static io.polyhost.host.dispatcher.LifecycleFixtures.readable;
import static io.polyhost.host.dispatcher.LifecycleFixtures.runtime;
import static io.polyhost.host.dispatcher.LifecycleFixtures.start;
import static io.polyhost.host.dispatcher.LifecycleFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.error.CoreError;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.host.testing.Counter;
import io.polyhost.host.testing.TestChain;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart in every lifecycle state restores exactly that state: statuses, routing, hooks, read
 * access and deployed artifacts, without rerunning constructors.
 */
class RestartLifecycleTest {
  @TempDir Path dir;

  @Test
  void activeServiceKeepsItsDataHooksAndTransactions() {
    try (TestChain chain = start(dir, new InstanceSpec(1, "a", HOOKED))) {
      chain.block(chain.tx(1, 1, NONE));
      long before = Counter.countOf(chain, "a");
      chain.restart();
      assertThat(status(chain, "a")).isEqualTo("active");
      assertThat(Counter.countOf(chain, "a")).isEqualTo(before);
      assertThat(events(runtime(chain, 1), "add ")).isEmpty();
      chain.block(chain.tx(1, 1, NONE));
      // before hook + transaction + after hook
      assertThat(Counter.countOf(chain, "a")).isEqualTo(before + 3);
    }
  }

  @Test
  void stoppedServiceStaysStopped() {
    try (TestChain chain = start(dir, new InstanceSpec(1, "a", HOOKED))) {
      chain.block(chain.supervise(ext -> ext.initiateStoppingService(1)));
      chain.restart();
      assertThat(status(chain, "a")).isEqualTo("stopped");
      assertThat(runtime(chain, 1).isRunning(1)).isFalse();
      assertThat(readable(chain, "a")).isFalse();
      var rejected = chain.tx(1, 1, NONE);
      chain.block(rejected);
      assertFails(chain, rejected, CoreError.INCORRECT_INSTANCE_ID);
      assertThat(events(runtime(chain, 1), "before a")).isEmpty();
      assertThat(events(runtime(chain, 1), "after a")).isEmpty();
    }
  }

  @Test
  void frozenServiceStaysReadableWithoutHooks() {
    try (TestChain chain = start(dir, new InstanceSpec(1, "a", HOOKED))) {
      chain.block(chain.supervise(ext -> ext.initiateFreezingService(1)));
      long frozenCount = Counter.countOf(chain, "a");
      chain.restart();
      assertThat(status(chain, "a")).isEqualTo("frozen");
      assertThat(runtime(chain, 1).isRunning(1)).isTrue();
      chain.block(chain.tx(1, 1, NONE));
      assertThat(Counter.countOf(chain, "a")).isEqualTo(frozenCount);
      assertThat(events(runtime(chain, 1), "before a")).isEmpty();
    }
  }

  @Test
  void resumedServiceIsActiveAfterRestart() {
    try (TestChain chain = start(dir, new InstanceSpec(1, "a", COUNTER))) {
      chain.block(chain.supervise(ext -> ext.initiateStoppingService(1)));
      chain.block(chain.supervise(ext -> ext.initiateResumingService(1, NONE)));
      chain.restart();
      assertThat(status(chain, "a")).isEqualTo("active");
      assertThat(events(runtime(chain, 1), "resuming ")).isEmpty();
      var tx = chain.tx(1, 1, NONE);
      chain.block(tx);
      assertOk(chain, tx);
      assertThat(Counter.countOf(chain, "a")).isEqualTo(1);
    }
  }

  @Test
  void registeredArtifactIsDeployedAgainAndUsableAfterRestart() {
    try (TestChain chain = start(dir)) {
      chain.block(chain.supervise(ext -> ext.startArtifactRegistration(EXTRA, NONE)));
      assertThat(artifacts(chain)).containsEntry(EXTRA, ArtifactStatus.ACTIVE);
      chain.restart();
      assertThat(events(runtime(chain, 1), "deploy " + EXTRA)).hasSize(1);
      assertThat(runtime(chain, 1).isArtifactDeployed(EXTRA)).isTrue();
      var add =
          chain.supervise(ext -> ext.initiateAddingService(new InstanceSpec(1, "x", EXTRA), NONE));
      chain.block(add);
      assertOk(chain, add);
      assertThat(status(chain, "x")).isEqualTo("active");
    }
  }

  @Test
  void unloadingArtifact() {
    try (TestChain chain = start(dir)) {
      chain.block(chain.supervise(ext -> ext.startArtifactRegistration(EXTRA, NONE)));
      chain.block(chain.supervise(ext -> ext.unloadArtifact(EXTRA)));
      chain.restart();
      assertThat(events(runtime(chain, 1), "deploy " + EXTRA)).isEmpty();
      assertThat(runtime(chain, 1).isArtifactDeployed(EXTRA)).isFalse();
      assertThat(artifacts(chain)).doesNotContainKey(EXTRA);
      var add =
          chain.supervise(ext -> ext.initiateAddingService(new InstanceSpec(1, "x", EXTRA), NONE));
      chain.block(add);
      assertFails(chain, add, CoreError.ARTIFACT_NOT_DEPLOYED);
    }
  }

  @Test
  void serviceCreatedInTheLastBlockIsRestoredWithoutRerunningItsConstructor() {
    try (TestChain chain = start(dir)) {
      chain.block(
          chain.supervise(
              ext -> ext.initiateAddingService(new InstanceSpec(1, "a", COUNTER), NONE)));
      chain.restart();
      assertThat(runtime(chain, 1).events()).contains("status a active").doesNotContain("add a");
      assertThat(runtime(chain, 1).isRunning(1)).isTrue();
      chain.block(chain.tx(1, 1, NONE));
      assertThat(Counter.countOf(chain, "a")).isEqualTo(1);
    }
  }
}
