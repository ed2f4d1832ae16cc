package io.polyhost.host.dispatcher;

import static io.polyhost.host.dispatcher.LifecycleFixtures.COUNTER;
import static io.polyhost.host.dispatcher.LifecycleFixtures.EXTRA;
import static io.polyhost.host.dispatcher.LifecycleFixtures.NONE;
import static io.polyhost.host.dispatcher.LifecycleFixtures.OTHER;
import static io.polyhost.host.dispatcher.LifecycleFixtures.artifacts;
import static io.polyhost.host.dispatcher.LifecycleFixtures.assertFails;
import static io.polyhost.host.dispatcher.LifecycleFixtures.assertOk;
import static io.polyhost.host.dispatcher.LifecycleFixtures.instance;
import static io.polyhost.host.dispatcher.LifecycleFixtures.readable;
import static io.polyhost.host.dispatcher.LifecycleFixtures.runtime;
import static io.polyhost.host.dispatcher.LifecycleFixtures.start;
import static io.polyhost.host.dispatcher.LifecycleFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.error.CommonError;
import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.RuntimeFeature;
import io.polyhost.host.testing.Counter;
import io.polyhost.host.testing.TestChain;
import io.polyhost.host.testing.TestRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher scenarios of Exonum's {@code dispatcher/tests.rs} (exonum-core.md §7.1). */
class DispatcherLifecycleTest {
  @TempDir Path dir;

  @Test
  void testDispatcherSimple() {
    try (TestChain chain = start(dir)) {
      var addA = chain.supervise(ext -> ext.initiateAddingService(spec(1, "a", COUNTER), NONE));
      var addB = chain.supervise(ext -> ext.initiateAddingService(spec(2, "b", OTHER), NONE));
      var tooEarly = chain.tx(1, 1, NONE);
      var sameId = chain.supervise(ext -> ext.initiateAddingService(spec(1, "c", COUNTER), NONE));
      var sameName = chain.supervise(ext -> ext.initiateAddingService(spec(3, "a", OTHER), NONE));
      chain.block(addA, addB, tooEarly, sameId, sameName);
      assertOk(chain, addA);
      assertOk(chain, addB);
      assertFails(chain, tooEarly, CoreError.INCORRECT_INSTANCE_ID);
      assertFails(chain, sameId, CoreError.SERVICE_ID_EXISTS);
      assertFails(chain, sameName, CoreError.SERVICE_NAME_EXISTS);
      assertThat(instance(chain, "c")).isEmpty();

      runtime(chain, 1).clearEvents();
      runtime(chain, 2).clearEvents();
      var toA = chain.tx(1, 1, NONE);
      var toB = chain.tx(2, 1, NONE);
      chain.block(toA, toB);
      assertOk(chain, toA);
      assertOk(chain, toB);
      assertThat(runtime(chain, 1).events()).contains("execute a 1").doesNotContain("execute b 1");
      assertThat(runtime(chain, 2).events()).contains("execute b 1").doesNotContain("execute a 1");

      chain.restart();
      assertThat(runtime(chain, 1).events())
          .contains("status supervisor active", "status a active")
          .doesNotContain("status b active");
      assertThat(runtime(chain, 2).events())
          .contains("status b active")
          .doesNotContain("status a active");
      chain.block(chain.tx(1, 1, NONE), chain.tx(2, 1, NONE));
      assertThat(Counter.countOf(chain, "a")).isEqualTo(2);
      assertThat(Counter.countOf(chain, "b")).isEqualTo(2);
    }
  }

  @Test
  void testServiceFreezing() {
    try (TestChain chain = start(dir, spec(1, "a", COUNTER))) {
      var freeze = chain.supervise(ext -> ext.initiateFreezingService(1));
      var sameBlock = chain.tx(1, 1, NONE);
      chain.block(freeze, sameBlock);
      assertOk(chain, freeze);
      assertOk(chain, sameBlock); // a freeze takes effect when its block ends
      assertThat(status(chain, "a")).isEqualTo("frozen");
      assertThat(readable(chain, "a")).isTrue();
      assertThat(runtime(chain, 1).isRunning(1)).isTrue();

      var rejected = chain.tx(1, 1, NONE);
      chain.block(rejected);
      assertFails(chain, rejected, CoreError.INCORRECT_INSTANCE_ID);
      assertCheckTx(chain, 1, CoreError.SERVICE_NOT_ACTIVE);
      assertThat(Counter.countOf(chain, "a")).isEqualTo(1);

      var stop = chain.supervise(ext -> ext.initiateStoppingService(1));
      chain.block(stop);
      assertOk(chain, stop);
      assertThat(status(chain, "a")).isEqualTo("stopped");
      assertThat(readable(chain, "a")).isFalse();
      assertThat(runtime(chain, 1).isRunning(1)).isFalse();

      var freezeStopped = chain.supervise(ext -> ext.initiateFreezingService(1));
      chain.block(freezeStopped);
      assertFails(chain, freezeStopped, CoreError.INVALID_SERVICE_TRANSITION);
      assertThat(status(chain, "a")).isEqualTo("stopped");
    }
  }

  @Test
  void testServiceFreezingWithoutRuntimeSupport() {
    try (TestChain chain = start(dir, spec(1, "b", OTHER))) {
      List<Boolean> features = new ArrayList<>();
      var check =
          chain.supervise(ext -> {
            features.add(ext.checkFeature(1, RuntimeFeature.FREEZING_SERVICES));
            features.add(ext.checkFeature(2, RuntimeFeature.FREEZING_SERVICES));
            features.add(ext.checkFeature(99, RuntimeFeature.FREEZING_SERVICES));
          });
      var freeze = chain.supervise(ext -> ext.initiateFreezingService(1));
      chain.block(check, freeze);
      assertThat(features).containsExactly(true, false, false);
      assertFails(chain, freeze, CommonError.FEATURE_NOT_SUPPORTED);
      assertThat(status(chain, "b")).isEqualTo("active");
      assertThat(chain.chain().dispatcher().checkTx(1)).isEmpty();
    }
  }

  @Test
  void serviceFreezeThenRestart() {
    try (TestChain chain = start(dir, spec(1, "a", COUNTER))) {
      chain.block(chain.supervise(ext -> ext.initiateFreezingService(1)));
      chain.restart();
      assertThat(status(chain, "a")).isEqualTo("frozen");
      assertThat(runtime(chain, 1).events()).contains("status a frozen");
      assertThat(runtime(chain, 1).isRunning(1)).isTrue(); // frozen services keep read access
      assertCheckTx(chain, 1, CoreError.SERVICE_NOT_ACTIVE);
      var rejected = chain.tx(1, 1, NONE);
      chain.block(rejected);
      assertFails(chain, rejected, CoreError.INCORRECT_INSTANCE_ID);

      var resume = chain.supervise(ext -> ext.initiateResumingService(1, NONE));
      chain.block(resume);
      assertOk(chain, resume);
      var accepted = chain.tx(1, 1, NONE);
      chain.block(accepted);
      assertOk(chain, accepted);
      assertThat(Counter.countOf(chain, "a")).isEqualTo(1);
    }
  }

  @Test
  void testShutdown() {
    TestChain chain = start(dir);
    TestRuntime java = runtime(chain, 1);
    TestRuntime other = runtime(chain, 2);
    chain.close();
    assertThat(java.isClosed()).isTrue();
    assertThat(other.isClosed()).isTrue();
    assertThat(java.events()).last().isEqualTo("close");
    assertThat(other.events()).last().isEqualTo("close");
  }

  @Test
  void delayedDeployment() {
    var gate = new CompletableFuture<Void>();
    var deployer = new MailboxDeployer();
    try (TestChain chain =
        MailboxDeployer.start(dir, deployer, java -> java.gate(EXTRA, gate), new AtomicBoolean())) {
      deployer.requestAfterNextCommit(EXTRA);
      chain.block();
      CompletableFuture<Void> local = deployer.result();
      chain.block(); // a deployment under way does not hold up blocks
      assertThat(local).isNotDone();
      assertThat(runtime(chain, 1).isArtifactDeployed(EXTRA)).isFalse();

      var register = chain.supervise(ext -> ext.startArtifactRegistration(EXTRA, NONE));
      CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> chain.block(register));
      // The commit must wait for the deployment that is still gated.
      assertThat(commit).isNotDone();
      gate.complete(null);
      commit.join();
      assertThat(local).isCompleted();
      assertOk(chain, register);
      assertThat(artifacts(chain)).containsEntry(EXTRA, ArtifactStatus.ACTIVE);
      assertThat(LifecycleFixtures.events(runtime(chain, 1), "deploy " + EXTRA)).hasSize(1);

      var add = chain.supervise(ext -> ext.initiateAddingService(spec(1, "x", EXTRA), NONE));
      chain.block(add);
      assertOk(chain, add);
    }
  }

  @Test
  void failedDeployment() {
    try (TestChain chain = start(dir)) {
      runtime(chain, 1).failDeploys(EXTRA, "the artifact file is missing");
      long height = chain.chain().height();
      var register = chain.supervise(ext -> ext.startArtifactRegistration(EXTRA, NONE));
      assertThatThrownBy(() -> chain.block(register))
          .isInstanceOf(NodeHaltException.class)
          .hasMessageContaining(EXTRA.toString())
          .hasMessageContaining("the artifact file is missing");
      assertThat(chain.chain().height()).isEqualTo(height);
      assertThat(artifacts(chain)).doesNotContainKey(EXTRA);
      Optional<?> location = chain.chain().read(core -> core.location(register.hash()));
      assertThat(location).isEmpty();
    }
  }

  @Test
  void failedDeploymentWithNodeRestart() {
    AtomicBoolean failing = new AtomicBoolean(true);
    try (TestChain chain =
        LifecycleFixtures.builder(dir)
            .start(() -> {
              var all = LifecycleFixtures.bothRuntimes();
              if (failing.get()) {
                runtime(all, 1).failDeploys(EXTRA, "the artifact file is missing");
              }
              return all;
            })) {
      var register = chain.supervise(ext -> ext.startArtifactRegistration(EXTRA, NONE));
      assertThatThrownBy(() -> chain.block(register)).isInstanceOf(NodeHaltException.class);

      failing.set(false); // the operator puts the artifact in place and restarts the node
      chain.restart();
      chain.block(register);
      assertOk(chain, register);
      assertThat(artifacts(chain)).containsEntry(EXTRA, ArtifactStatus.ACTIVE);
      assertThat(runtime(chain, 1).isArtifactDeployed(EXTRA)).isTrue();
      var add = chain.supervise(ext -> ext.initiateAddingService(spec(1, "x", EXTRA), NONE));
      chain.block(add);
      assertOk(chain, add);
    }
  }

  @Test
  void recoverableErrorDuringDeployment() {
    var deployer = new MailboxDeployer();
    try (TestChain chain =
        MailboxDeployer.start(
            dir,
            deployer,
            java -> java.failDeploys(EXTRA, "the download timed out"),
            new AtomicBoolean())) {
      deployer.requestAfterNextCommit(EXTRA);
      chain.block();
      CompletableFuture<Void> local = deployer.result();
      assertThat(local).isCompletedExceptionally();
      assertThatThrownBy(local::join)
          .rootCause()
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("the download timed out");

      runtime(chain, 1).healDeploys(EXTRA);
      var register = chain.supervise(ext -> ext.startArtifactRegistration(EXTRA, NONE));
      chain.block(register); // the commit retries the failed deployment
      assertOk(chain, register);
      assertThat(runtime(chain, 1).isArtifactDeployed(EXTRA)).isTrue();
      assertThat(LifecycleFixtures.events(runtime(chain, 1), "deploy " + EXTRA)).hasSize(2);
    }
  }

  @Test
  void stoppedServiceWorkflow() {
    try (TestChain chain = start(dir, spec(1, "a", COUNTER))) {
      var stopUnknown = chain.supervise(ext -> ext.initiateStoppingService(9));
      var stop = chain.supervise(ext -> ext.initiateStoppingService(1));
      var sameBlock = chain.tx(1, 1, NONE);
      var unload = chain.supervise(ext -> ext.checkUnloadingArtifact(COUNTER));
      chain.block(stopUnknown, stop, sameBlock, unload);
      assertFails(chain, stopUnknown, CoreError.INCORRECT_INSTANCE_ID);
      assertOk(chain, stop);
      assertOk(chain, sameBlock); // a stop takes effect when its block ends
      assertFails(chain, unload, CoreError.CANNOT_UNLOAD_ARTIFACT);
      assertThat(status(chain, "a")).isEqualTo("stopped");
      assertThat(readable(chain, "a")).isFalse();
      assertThat(runtime(chain, 1).isRunning(1)).isFalse();

      var rejected = chain.tx(1, 1, NONE);
      chain.block(rejected);
      assertFails(chain, rejected, CoreError.INCORRECT_INSTANCE_ID);
      assertCheckTx(chain, 1, CoreError.SERVICE_NOT_ACTIVE);

      chain.restart();
      assertThat(status(chain, "a")).isEqualTo("stopped");
      assertThat(runtime(chain, 1).events()).contains("status a stopped");
      assertThat(runtime(chain, 1).isRunning(1)).isFalse();
      var readd = chain.supervise(ext -> ext.initiateAddingService(spec(1, "a", COUNTER), NONE));
      var sameName = chain.supervise(ext -> ext.initiateAddingService(spec(5, "a", COUNTER), NONE));
      var sameId = chain.supervise(ext -> ext.initiateAddingService(spec(1, "z", COUNTER), NONE));
      var stopAgain = chain.supervise(ext -> ext.initiateStoppingService(1));
      var unloadUsed = chain.supervise(ext -> ext.unloadArtifact(COUNTER));
      chain.block(readd, sameName, sameId, stopAgain, unloadUsed);
      assertFails(chain, readd, CoreError.SERVICE_NAME_EXISTS);
      assertFails(chain, sameName, CoreError.SERVICE_NAME_EXISTS);
      assertFails(chain, sameId, CoreError.SERVICE_ID_EXISTS);
      assertFails(chain, stopAgain, CoreError.INVALID_SERVICE_TRANSITION);
      assertFails(chain, unloadUsed, CoreError.CANNOT_UNLOAD_ARTIFACT);
    }
  }

  @Test
  void unloadArtifactWorkflow() {
    try (TestChain chain = start(dir)) {
      var unknown = chain.supervise(ext -> ext.unloadArtifact(EXTRA));
      var register = chain.supervise(ext -> ext.startArtifactRegistration(EXTRA, NONE));
      var unloadDeploying = chain.supervise(ext -> ext.unloadArtifact(EXTRA));
      var fromDeploying =
          chain.supervise(ext -> ext.initiateAddingService(spec(1, "x", EXTRA), NONE));
      chain.block(unknown, register, unloadDeploying, fromDeploying);
      assertFails(chain, unknown, CoreError.ARTIFACT_NOT_DEPLOYED);
      assertOk(chain, register);
      assertFails(chain, unloadDeploying, CoreError.ARTIFACT_NOT_DEPLOYED);
      assertFails(chain, fromDeploying, CoreError.ARTIFACT_NOT_DEPLOYED);
      assertThat(artifacts(chain)).containsEntry(EXTRA, ArtifactStatus.ACTIVE);

      runtime(chain, 1).clearEvents();
      var unload = chain.supervise(ext -> ext.unloadArtifact(EXTRA));
      var unloadTwice = chain.supervise(ext -> ext.unloadArtifact(EXTRA));
      var fromUnloading =
          chain.supervise(ext -> ext.initiateAddingService(spec(1, "x", EXTRA), NONE));
      chain.block(unload, unloadTwice, fromUnloading);
      assertOk(chain, unload);
      assertFails(chain, unloadTwice, CoreError.ARTIFACT_NOT_DEPLOYED);
      assertFails(chain, fromUnloading, CoreError.ARTIFACT_NOT_DEPLOYED);
      assertThat(artifacts(chain)).doesNotContainKey(EXTRA);
      assertThat(runtime(chain, 1).events())
          .containsSubsequence("unload " + EXTRA, "commit " + chain.chain().height());
      assertThat(runtime(chain, 1).isArtifactDeployed(EXTRA)).isFalse();

      // An unloaded artifact leaves no trace: it can be registered again.
      var again = chain.supervise(ext -> ext.startArtifactRegistration(EXTRA, NONE));
      chain.block(again);
      assertOk(chain, again);
      assertThat(runtime(chain, 1).isArtifactDeployed(EXTRA)).isTrue();
    }
  }

  @Test
  void checkTxCaching() {
    try (TestChain chain = start(dir, spec(1, "a", COUNTER), spec(2, "b", COUNTER))) {
      List<Runnable> steps =
          List.of(
              () -> chain.block(),
              () -> chain.block(chain.supervise(ext -> ext.initiateFreezingService(1))),
              () -> chain.block(chain.supervise(ext -> ext.initiateStoppingService(2))),
              () -> chain.block(chain.supervise(ext -> ext.initiateResumingService(1, NONE))),
              () ->
                  chain.block(
                      chain.supervise(
                          ext -> ext.initiateAddingService(spec(3, "c", COUNTER), NONE))),
              () -> chain.restart());
      for (Runnable step : steps) {
        step.run();
        for (int id = 0; id <= 4; id++) {
          assertThat(code(chain.chain().dispatcher().checkTx(id)))
              .as("check_tx of instance %s at height %s", id, chain.chain().height())
              .isEqualTo(uncachedCheck(chain, id));
        }
      }
      assertThat(uncachedCheck(chain, 2)).isEqualTo(code(CoreError.SERVICE_NOT_ACTIVE));
      assertThat(uncachedCheck(chain, 3)).isEmpty();
      assertThat(uncachedCheck(chain, 4)).isEqualTo(code(CoreError.INCORRECT_INSTANCE_ID));
    }
  }

  /** What {@code check_tx} must say, computed from the committed registry without any table. */
  private static Optional<String> uncachedCheck(TestChain chain, int id) {
    return chain.read(d ->
        d.instance(InstanceQuery.id(id))
            .map(state ->
                state.status().filter(s -> s instanceof InstanceStatus.Active).isPresent()
                    ? Optional.<String>empty()
                    : code(CoreError.SERVICE_NOT_ACTIVE))
            .orElse(code(CoreError.INCORRECT_INSTANCE_ID)));
  }

  private static Optional<String> code(CoreError error) {
    return Optional.of(error.kind().label() + ":" + error.code());
  }

  private static Optional<String> code(Optional<ExecutionError> error) {
    return error.map(e -> e.kind().label() + ":" + e.code());
  }

  private static void assertCheckTx(TestChain chain, int id, CoreError expected) {
    assertThat(chain.chain().dispatcher().checkTx(id))
        .hasValueSatisfying(e -> assertThat(e.is(expected)).as("%s is %s", e, expected).isTrue());
  }

  static InstanceSpec spec(int id, String name, io.polyhost.api.runtime.ArtifactId artifact) {
    return new InstanceSpec(id, name, artifact);
  }
}
