package io.polyhost.host.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.host.testing.Actions;
import io.polyhost.host.testing.Counter;
import io.polyhost.host.testing.TestChain;
import io.polyhost.host.testing.TestRuntime;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shared set-up of the lifecycle tests: two runtimes (1 supports freezing, 2 does not), builtin
 * artifacts in both, and assertions on recorded errors and registry states.
 */
final class LifecycleFixtures {
  /** A counter without hooks, builtin in runtime 1. */
  static final ArtifactId COUNTER = ArtifactId.parse("1:counter:1.0.0");

  /** A counter whose hooks count too, builtin in runtime 1. */
  static final ArtifactId HOOKED = ArtifactId.parse("1:hooked-counter:1.0.0");

  /** A service running {@link Actions}, builtin in runtime 1. */
  static final ArtifactId ACTIONS = ArtifactId.parse("1:actions:1.0.0");

  /** {@link DependentService}, builtin in runtime 1. */
  static final ArtifactId DEPENDENT = ArtifactId.parse("1:dependent:1.0.0");

  /** {@link ResumableService}, builtin in runtime 1. */
  static final ArtifactId RESUMABLE = ArtifactId.parse("1:resumable:1.0.0");

  /** {@link ConfigurableService}, builtin in runtime 1. */
  static final ArtifactId CONFIGURABLE = ArtifactId.parse("1:configurable:1.0.0");

  /** Offered by runtime 1 but not builtin: registered by tests. */
  static final ArtifactId EXTRA = ArtifactId.parse("1:extra:1.0.0");

  /** A counter in runtime 2, builtin. */
  static final ArtifactId OTHER = ArtifactId.parse("2:counter:1.0.0");

  /** A service running {@link Actions} in runtime 2, builtin. */
  static final ArtifactId OTHER_ACTIONS = ArtifactId.parse("2:actions:1.0.0");

  static final byte[] NONE = new byte[0];

  private LifecycleFixtures() {}

  /** Runtime 1: the supervisor, every runtime-1 artifact, freezing supported. */
  static TestRuntime javaRuntime() {
    return TestChain.withSupervisor(new TestRuntime(1, true))
        .offer(COUNTER, Counter::new)
        .offer(HOOKED, () -> new Counter(true))
        .offer(ACTIONS, Actions::service)
        .offer(DEPENDENT, DependentService::new)
        .offer(RESUMABLE, ResumableService::new)
        .offer(CONFIGURABLE, ConfigurableService::new)
        .offer(EXTRA, Counter::new);
  }

  /** Runtime 2: no freezing. */
  static TestRuntime otherRuntime() {
    return new TestRuntime(2, false)
        .offer(OTHER, Counter::new)
        .offer(OTHER_ACTIONS, Actions::service);
  }

  /** Fresh runtimes 1 and 2, in id order. */
  static Map<Integer, Runtime> bothRuntimes() {
    Map<Integer, Runtime> all = new LinkedHashMap<>();
    all.put(1, javaRuntime());
    all.put(2, otherRuntime());
    return all;
  }

  /** A chain builder with every builtin artifact (no instances but the supervisor). */
  static TestChain.Builder builder(Path dir) {
    return TestChain.builder(dir)
        .artifact(COUNTER)
        .artifact(HOOKED)
        .artifact(ACTIONS)
        .artifact(DEPENDENT)
        .artifact(RESUMABLE)
        .artifact(CONFIGURABLE)
        .artifact(OTHER)
        .artifact(OTHER_ACTIONS);
  }

  /** A chain with builtin instances {@code specs}, all with empty constructor parameters. */
  static TestChain start(Path dir, InstanceSpec... specs) {
    TestChain.Builder builder = builder(dir);
    for (InstanceSpec spec : specs) {
      builder.instance(spec, NONE);
    }
    return builder.start(LifecycleFixtures::bothRuntimes);
  }

  /** The test runtime {@code id} of the chain's current run. */
  static TestRuntime runtime(TestChain chain, int id) {
    return runtime(chain.runtimes(), id);
  }

  /** The test runtime {@code id} of {@code runtimes}. */
  static TestRuntime runtime(Map<Integer, Runtime> runtimes, int id) {
    Runtime runtime = runtimes.get(id);
    if (runtime == null) {
      throw new AssertionError("No runtime " + id);
    }
    return (TestRuntime) runtime;
  }

  /** Asserts that {@code tx} was committed and succeeded. */
  static void assertOk(TestChain chain, SignedTransaction tx) {
    Optional<ExecutionError> error = chain.error(tx);
    assertThat(error).as("error of transaction %s", tx.hash()).isEmpty();
  }

  /** Asserts that {@code tx} was committed and failed with {@code code}; returns the error. */
  static ExecutionError assertFails(TestChain chain, SignedTransaction tx, ErrorCode code) {
    ExecutionError error =
        chain
            .error(tx)
            .orElseThrow(() -> new AssertionError("Transaction succeeded; expected " + code));
    assertThat(error.is(code)).as("%s is %s", error, code).isTrue();
    return error;
  }

  /** The registry state of the instance {@code name} in the committed state. */
  static InstanceState state(TestChain chain, String name) {
    return chain
        .read(d -> d.instance(InstanceQuery.name(name)))
        .orElseThrow(() -> new AssertionError("No instance " + name));
  }

  /** The instance {@code name} in the committed state, if it exists. */
  static Optional<InstanceState> instance(TestChain chain, String name) {
    return chain.read(d -> d.instance(InstanceQuery.name(name)));
  }

  /** Every registered artifact with its status, in the committed state. */
  static Map<ArtifactId, ArtifactStatus> artifacts(TestChain chain) {
    return chain.read(d -> d.artifacts());
  }

  /** The committed status label of instance {@code name} ("active", "stopped", ...). */
  static String status(TestChain chain, String name) {
    return state(chain, name).status().map(s -> s.label()).orElse("none");
  }

  /** Whether the data of instance {@code name} is readable by other services. */
  static boolean readable(TestChain chain, String name) {
    return chain.read(d -> d.forService(InstanceQuery.name(name)).isPresent());
  }

  /** The events of {@code runtime} that start with {@code prefix}. */
  static List<String> events(TestRuntime runtime, String prefix) {
    return runtime.events().stream().filter(e -> e.startsWith(prefix)).toList();
  }
}
