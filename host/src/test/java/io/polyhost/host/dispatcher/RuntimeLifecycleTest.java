package io.polyhost.host.dispatcher;

import static io.polyhost.host.dispatcher.LifecycleFixtures.ACTIONS;
import static io.polyhost.host.dispatcher.LifecycleFixtures.COUNTER;
import static io.polyhost.host.dispatcher.LifecycleFixtures.DEPENDENT;
import static io.polyhost.host.dispatcher.LifecycleFixtures.EXTRA;
import static io.polyhost.host.dispatcher.LifecycleFixtures.HOOKED;
import static io.polyhost.host.dispatcher.LifecycleFixtures.NONE;
import static io.polyhost.host.dispatcher.LifecycleFixtures.RESUMABLE;
import static io.polyhost.host.dispatcher.LifecycleFixtures.assertFails;
import static io.polyhost.host.dispatcher.LifecycleFixtures.assertOk;
import static io.polyhost.host.dispatcher.LifecycleFixtures.events;
import static io.polyhost.host.dispatcher.LifecycleFixtures.instance;
import static io.polyhost.host.dispatcher.LifecycleFixtures.readable;
import static io.polyhost.host.dispatcher.LifecycleFixtures.runtime;
import static io.polyhost.host.dispatcher.LifecycleFixtures.start;
import static io.polyhost.host.dispatcher.LifecycleFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.CallSite;
import io.polyhost.api.error.CallType;
import io.polyhost.api.error.CommonError;
import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.storage.Group;
import io.polyhost.api.storage.Serializers;
import io.polyhost.host.testing.Counter;
import io.polyhost.host.testing.TestChain;
import io.polyhost.host.testing.TestRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle cases of Exonum's Rust-runtime tests {@code basic.rs} and {@code migration.rs} that
 * need no data migration (exonum-core.md §7.6), and the fix of §4.10: a new instance is validated
 * before its constructor runs.
 */
class RuntimeLifecycleTest {
  @TempDir Path dir;

  @Test
  void basicRuntimeWorkflow() {
    try (TestChain chain = start(dir)) {
      TestRuntime java = runtime(chain, 1);
      chain.block(chain.supervise(ext -> ext.startArtifactRegistration(EXTRA, NONE)));
      assertThat(events(java, "deploy " + EXTRA)).hasSize(1);

      int mark = java.events().size();
      chain.block(chain.supervise(ext -> ext.initiateAddingService(spec(1, "x", EXTRA), NONE)));
      assertThat(since(java, mark))
          .containsSubsequence("execute supervisor 0", "add x", "status x active", "commit 2")
          .doesNotContain("before x", "after x"); // not called in the creation block

      mark = java.events().size();
      chain.block(chain.tx(1, 1, NONE));
      assertThat(since(java, mark))
          .containsSubsequence("before x", "execute x 1", "after x", "commit 3");

      mark = java.events().size();
      chain.block(chain.supervise(ext -> ext.initiateStoppingService(1)));
      assertThat(since(java, mark))
          .containsSubsequence("before x", "after x", "status x stopped", "commit 4");

      mark = java.events().size();
      chain.block();
      assertThat(since(java, mark)).doesNotContain("before x", "after x");
      assertThat(java.isRunning(1)).isFalse();
    }
  }

  @Test
  void runtimeRestart() {
    try (TestChain chain = start(dir, spec(1, "a", COUNTER))) {
      chain.block(chain.supervise(ext -> ext.initiateAddingService(spec(2, "b", COUNTER), NONE)));
      chain.block(chain.tx(1, 1, NONE), chain.tx(2, 1, NONE));
      chain.restart();
      List<String> events = runtime(chain, 1).events();
      assertThat(events).contains("deploy " + COUNTER, "status a active", "status b active");
      assertThat(events).filteredOn(e -> e.startsWith("add ")).isEmpty();
      assertThat(Counter.countOf(chain, "a")).isEqualTo(1);
      assertThat(Counter.countOf(chain, "b")).isEqualTo(1);
    }
  }

  @Test
  void stateAggregation() {
    try (TestChain chain = start(dir, spec(3, "act", ACTIONS))) {
      var write =
          chain.run(
              3,
              ctx -> {
                var data = ctx.serviceData();
                data.proofEntry("merkle", Serializers.int64()).set(1L);
                data.map("plain", Serializers.string(), Serializers.string()).put("k", "v");
                Group.of(
                        "grouped",
                        Serializers.string(),
                        a -> data.proofList(a, Serializers.int64()))
                    .get("member")
                    .add(5L);
              });
      var block = chain.block(write);
      assertOk(chain, write);
      chain.snapshot(snapshot -> {
        Hash state = snapshot.stateHash();
        assertThat(state).isEqualTo(block.stateHash());
        assertThat(snapshot.indexProof("act.merkle").verify(state)).isPresent();
        assertThat(snapshot.indexProof("act.plain").verify(state)).isEmpty();
        assertThat(snapshot.indexProof("act.grouped").verify(state)).isEmpty();
        return null;
      });
    }
  }

  @Test
  void conflictingServiceInstances() {
    try (TestChain chain = start(dir)) {
      var abandoned =
          chain.supervise(ext -> {
            ext.initiateAddingService(spec(5, "svc", COUNTER), NONE);
            throw ExecutionException.service(1, "the proposal that added it was not accepted");
          });
      var accepted =
          chain.supervise(ext -> ext.initiateAddingService(spec(6, "svc", COUNTER), NONE));
      var late = chain.supervise(ext -> ext.initiateAddingService(spec(7, "svc", COUNTER), NONE));
      chain.block(abandoned, accepted, late);
      assertFails(chain, abandoned, serviceCode(1));
      assertOk(chain, accepted);
      assertFails(chain, late, CoreError.SERVICE_NAME_EXISTS);
      assertThat(LifecycleFixtures.state(chain, "svc").spec().id()).isEqualTo(6);
      assertThat(exists(chain, 5)).isFalse();
      assertThat(exists(chain, 7)).isFalse();
    }
  }

  @Test
  void dependentBuiltinService() {
    try (TestChain chain =
        LifecycleFixtures.builder(dir)
            .instance(spec(1, "a", COUNTER), NONE)
            .instance(spec(2, "dep", DEPENDENT), bytes("a"))
            .start(LifecycleFixtures::bothRuntimes)) {
      assertThat(status(chain, "dep")).isEqualTo("active");
      assertThat(copied(chain, "dep")).contains(0L);
    }
  }

  @Test
  void dependentBuiltinServiceWithIncorrectOrder() {
    var builder =
        LifecycleFixtures.builder(dir)
            .instance(spec(2, "dep", DEPENDENT), bytes("a"))
            .instance(spec(1, "a", COUNTER), NONE);
    assertThatThrownBy(() -> builder.start(LifecycleFixtures::bothRuntimes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("genesis block cannot be created")
        .hasMessageContaining("dep")
        .hasMessageContaining("needs service 'a'");
  }

  @Test
  void dependentServiceWithNoDependency() {
    try (TestChain chain = start(dir)) {
      int mark = runtime(chain, 1).events().size();
      var add =
          chain.supervise(ext -> ext.initiateAddingService(spec(2, "dep", DEPENDENT), bytes("a")));
      chain.block(add);
      ExecutionError error =
          assertFails(chain, add, serviceCode(DependentService.MISSING_DEPENDENCY));
      assertThat(error.callSite()).contains(CallSite.of(2, CallType.CONSTRUCTOR));
      assertThat(error.runtimeId()).hasValue(1);
      assertThat(error.backtrace()).containsExactly(CallSite.method(0, "", 0));
      assertThat(instance(chain, "dep")).isEmpty();
      assertThat(since(runtime(chain, 1), mark))
          .contains("add dep")
          .doesNotContain("status dep active");

      // Nothing of the failed attempt remains: the same name and id can be used.
      chain.block(chain.supervise(ext -> ext.initiateAddingService(spec(1, "a", COUNTER), NONE)));
      var retry =
          chain.supervise(ext -> ext.initiateAddingService(spec(2, "dep", DEPENDENT), bytes("a")));
      chain.block(retry);
      assertOk(chain, retry);
    }
  }

  @Test
  void dependentServiceInSameBlock() {
    try (TestChain chain = start(dir)) {
      var addA = chain.supervise(ext -> ext.initiateAddingService(spec(1, "a", COUNTER), NONE));
      var addDep =
          chain.supervise(ext -> ext.initiateAddingService(spec(2, "dep", DEPENDENT), bytes("a")));
      chain.block(addA, addDep);
      assertOk(chain, addA);
      assertOk(chain, addDep);
      assertThat(status(chain, "dep")).isEqualTo("active");
    }
  }

  @Test
  void dependentServiceInSuccessiveBlock() {
    try (TestChain chain = start(dir)) {
      chain.block(chain.supervise(ext -> ext.initiateAddingService(spec(1, "a", COUNTER), NONE)));
      chain.block(chain.tx(1, 1, NONE));
      var addDep =
          chain.supervise(ext -> ext.initiateAddingService(spec(2, "dep", DEPENDENT), bytes("a")));
      chain.block(addDep);
      assertOk(chain, addDep);
      assertThat(copied(chain, "dep")).contains(1L);
    }
  }

  @Test
  void serviceFreezing() {
    try (TestChain chain = start(dir, spec(1, "a", HOOKED))) {
      TestRuntime java = runtime(chain, 1);
      chain.block(chain.supervise(ext -> ext.initiateFreezingService(1)));
      long frozen = Counter.countOf(chain, "a");
      int mark = java.events().size();
      chain.block();
      chain.block(chain.supervise(ext -> ext.initiateResumingService(1, NONE)));
      assertThat(since(java, mark)).doesNotContain("before a", "after a");
      assertThat(Counter.countOf(chain, "a")).isEqualTo(frozen);

      mark = java.events().size();
      chain.block();
      assertThat(since(java, mark)).containsSubsequence("before a", "after a");
      assertThat(Counter.countOf(chain, "a")).isEqualTo(frozen + 2);
    }
  }

  @Test
  void resumeWithoutMigration() {
    try (TestChain chain = start(dir, spec(1, "r", RESUMABLE))) {
      chain.block(chain.tx(1, 1, NONE), chain.supervise(ext -> ext.initiateStoppingService(1)));
      var resume = chain.supervise(ext -> ext.initiateResumingService(1, bytes("go")));
      var tooEarly = chain.tx(1, 1, NONE);
      chain.block(resume, tooEarly);
      assertOk(chain, resume);
      assertFails(chain, tooEarly, CoreError.INCORRECT_INSTANCE_ID); // active from the next block
      assertThat(status(chain, "r")).isEqualTo("active");
      assertThat(resumedWith(chain, "r")).contains("go");
      assertThat(events(runtime(chain, 1), "resuming r")).hasSize(1);
      var tx = chain.tx(1, 1, NONE);
      chain.block(tx);
      assertOk(chain, tx);
      assertThat(Counter.countOf(chain, "r")).isEqualTo(2);
    }
  }

  @Test
  void resumeWithoutMigrationAndFrozenService() {
    try (TestChain chain = start(dir, spec(1, "r", RESUMABLE))) {
      chain.block(chain.supervise(ext -> ext.initiateFreezingService(1)));
      var resume = chain.supervise(ext -> ext.initiateResumingService(1, bytes("thaw")));
      chain.block(resume);
      assertOk(chain, resume);
      assertThat(status(chain, "r")).isEqualTo("active");
      assertThat(resumedWith(chain, "r")).contains("thaw");
    }
  }

  @Test
  void testResumeServiceError() {
    try (TestChain chain = start(dir, spec(1, "r", RESUMABLE))) {
      chain.block(chain.supervise(ext -> ext.initiateStoppingService(1)));
      var resume = chain.supervise(ext -> ext.initiateResumingService(1, NONE));
      chain.block(resume);
      ExecutionError error = assertFails(chain, resume, CommonError.MALFORMED_ARGUMENTS);
      assertThat(error.callSite()).contains(CallSite.of(1, CallType.RESUME));
      assertThat(status(chain, "r")).isEqualTo("stopped");
      assertThat(LifecycleFixtures.state(chain, "r").pendingStatus()).isEmpty();
    }
  }

  @Test
  void resumeNonExistentServiceError() {
    try (TestChain chain = start(dir)) {
      var resume = chain.supervise(ext -> ext.initiateResumingService(99, NONE));
      chain.block(resume);
      assertFails(chain, resume, CoreError.INCORRECT_INSTANCE_ID);
    }
  }

  @Test
  void resumeActiveServiceError() {
    try (TestChain chain = start(dir, spec(1, "r", RESUMABLE))) {
      var resume = chain.supervise(ext -> ext.initiateResumingService(1, bytes("go")));
      chain.block(resume);
      assertFails(chain, resume, CoreError.INVALID_SERVICE_TRANSITION);
      assertThat(events(runtime(chain, 1), "resuming ")).isEmpty(); // refused before the hook
    }
  }

  @Test
  void frozenToStoppedTransition() {
    try (TestChain chain = start(dir, spec(1, "r", RESUMABLE))) {
      chain.block(chain.supervise(ext -> ext.initiateFreezingService(1)));
      assertThat(readable(chain, "r")).isTrue();
      var stop = chain.supervise(ext -> ext.initiateStoppingService(1));
      chain.block(stop);
      assertOk(chain, stop);
      assertThat(status(chain, "r")).isEqualTo("stopped");
      assertThat(readable(chain, "r")).isFalse();
      assertThat(runtime(chain, 1).isRunning(1)).isFalse();
      var resume = chain.supervise(ext -> ext.initiateResumingService(1, bytes("back")));
      chain.block(resume);
      assertOk(chain, resume);
      assertThat(status(chain, "r")).isEqualTo("active");
    }
  }

  @Test
  void invalidSpecsNeverReachTheConstructor() {
    try (TestChain chain = start(dir, spec(1, "a", COUNTER))) {
      int mark = runtime(chain, 1).events().size();
      var takenName =
          chain.supervise(ext -> ext.initiateAddingService(spec(5, "a", COUNTER), NONE));
      var takenId = chain.supervise(ext -> ext.initiateAddingService(spec(1, "b", COUNTER), NONE));
      var register = chain.supervise(ext -> ext.startArtifactRegistration(EXTRA, NONE));
      var deploying = chain.supervise(ext -> ext.initiateAddingService(spec(6, "c", EXTRA), NONE));
      var unknown =
          chain.supervise(ext ->
              ext.initiateAddingService(spec(7, "d", ArtifactId.parse("1:nope:1.0.0")), NONE));
      var noRuntime =
          chain.supervise(
              ext -> ext.initiateAddingService(spec(8, "e", ArtifactId.parse("9:x:1.0.0")), NONE));
      chain.block(takenName, takenId, register, deploying, unknown, noRuntime);
      assertFails(chain, takenName, CoreError.SERVICE_NAME_EXISTS);
      assertFails(chain, takenId, CoreError.SERVICE_ID_EXISTS);
      assertOk(chain, register);
      assertFails(chain, deploying, CoreError.ARTIFACT_NOT_DEPLOYED);
      assertFails(chain, unknown, CoreError.ARTIFACT_NOT_DEPLOYED);
      assertFails(chain, noRuntime, CoreError.INCORRECT_RUNTIME);
      assertThat(since(runtime(chain, 1), mark)).filteredOn(e -> e.startsWith("add ")).isEmpty();
      assertThat(runtime(chain, 2).events()).filteredOn(e -> e.startsWith("add ")).isEmpty();
    }
  }

  private static io.polyhost.api.error.ErrorCode serviceCode(int code) {
    return new io.polyhost.api.error.ErrorCode() {
      @Override
      public ErrorKind kind() {
        return ErrorKind.SERVICE;
      }

      @Override
      public int code() {
        return code;
      }

      @Override
      public String toString() {
        return "service:" + code;
      }
    };
  }

  private static boolean exists(TestChain chain, int id) {
    return chain.read(d -> d.instance(InstanceQuery.id(id)).isPresent());
  }

  private static Optional<Long> copied(TestChain chain, String name) {
    return chain.read(d ->
        d.forService(InstanceQuery.name(name))
            .flatMap(data -> data.entry("copied", Serializers.int64()).get()));
  }

  private static Optional<String> resumedWith(TestChain chain, String name) {
    return chain.read(d ->
        d.forService(InstanceQuery.name(name))
            .flatMap(data -> ResumableService.resumedWith(data).get()));
  }

  private static List<String> since(TestRuntime runtime, int mark) {
    List<String> events = runtime.events();
    return events.subList(mark, events.size());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static InstanceSpec spec(int id, String name, ArtifactId artifact) {
    return new InstanceSpec(id, name, artifact);
  }
}
