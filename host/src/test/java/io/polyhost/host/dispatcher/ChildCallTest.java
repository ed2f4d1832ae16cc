package io.polyhost.host.dispatcher;

import static io.polyhost.host.dispatcher.LifecycleFixtures.ACTIONS;
import static io.polyhost.host.dispatcher.LifecycleFixtures.CONFIGURABLE;
import static io.polyhost.host.dispatcher.LifecycleFixtures.COUNTER;
import static io.polyhost.host.dispatcher.LifecycleFixtures.NONE;
import static io.polyhost.host.dispatcher.LifecycleFixtures.OTHER_ACTIONS;
import static io.polyhost.host.dispatcher.LifecycleFixtures.assertFails;
import static io.polyhost.host.dispatcher.LifecycleFixtures.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.error.CallSite;
import io.polyhost.api.error.CommonError;
import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.ChildCall;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.storage.Serializers;
import io.polyhost.host.testing.Actions;
import io.polyhost.host.testing.Counter;
import io.polyhost.host.testing.TestChain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child calls between services (exonum-core.md §6, §7.9 interfaces): depth limit, who the callee
 * sees as caller, poisoning of the calling context, error locations, interfaces, and who may call
 * {@code polyhost.Configure}.
 */
class ChildCallTest {
  private static final int COUNTER_ID = 1;
  private static final int ACT1 = 3;
  private static final int ACT2 = 4;
  private static final int ACT3 = 5; // in runtime 2
  private static final int CONFIGURABLE_ID = 6;

  @TempDir Path dir;

  private TestChain start() {
    return LifecycleFixtures.start(
        dir,
        new InstanceSpec(COUNTER_ID, "a", COUNTER),
        new InstanceSpec(ACT1, "act1", ACTIONS),
        new InstanceSpec(ACT2, "act2", ACTIONS),
        new InstanceSpec(ACT3, "act3", OTHER_ACTIONS),
        new InstanceSpec(CONFIGURABLE_ID, "conf", CONFIGURABLE));
  }

  @Test
  void testAnyCallPanicRecursionLimit() {
    try (TestChain chain = start()) {
      AtomicInteger deepest = new AtomicInteger();
      var withinLimit = chain.tx(ACT1, 0, recursion(deepest, ExecutionContext.MAX_CALL_DEPTH - 1));
      chain.block(withinLimit);
      assertOk(chain, withinLimit);
      assertThat(deepest.get()).isEqualTo(ExecutionContext.MAX_CALL_DEPTH - 1);

      deepest.set(0);
      var beyond = chain.tx(ACT1, 0, recursion(deepest, ExecutionContext.MAX_CALL_DEPTH));
      chain.block(beyond);
      ExecutionError error = assertFails(chain, beyond, CoreError.STACK_OVERFLOW);
      assertThat(deepest.get()).isEqualTo(ExecutionContext.MAX_CALL_DEPTH - 1);
      assertThat(error.callSite()).contains(CallSite.method(ACT1, "", 0));
      assertThat(error.backtrace()).hasSize(ExecutionContext.MAX_CALL_DEPTH - 1);
    }
  }

  /** An action that calls itself until it is {@code depth} calls deep, noting the deepest call. */
  private static byte[] recursion(AtomicInteger deepest, int depth) {
    AtomicReference<byte[]> self = new AtomicReference<>(NONE);
    AtomicInteger level = new AtomicInteger();
    self.set(
        Actions.register(ctx -> {
          int current = level.getAndIncrement();
          deepest.accumulateAndGet(current, Math::max);
          if (current < depth) {
            ctx.call(ChildCall.of(InstanceQuery.id(ACT1), 0, self.get()));
          }
        }));
    return self.get();
  }

  @Test
  void testCreateWalletFallthroughAuth() {
    try (TestChain chain = start()) {
      List<Caller> seen = new ArrayList<>();
      byte[] record = Actions.register(ctx -> seen.add(ctx.caller()));
      var asService = chain.run(ACT1, ctx -> ctx.call(call(ACT2, record)));
      var fallthrough = chain.run(ACT1, ctx -> ctx.call(call(ACT2, record).withFallthroughAuth()));
      byte[] relay = Actions.register(ctx -> ctx.call(call(ACT3, record).withFallthroughAuth()));
      var brokenChain = chain.run(ACT1, ctx -> ctx.call(call(ACT2, relay)));
      chain.block(asService, fallthrough, brokenChain);
      assertOk(chain, asService);
      assertOk(chain, fallthrough);
      assertOk(chain, brokenChain);
      assertThat(seen)
          .containsExactly(
              new Caller.Service(ACT1),
              new Caller.Transaction(fallthrough.author()),
              new Caller.Service(ACT1)); // act2 passes on what it saw: act1, not the author
    }
  }

  @Test
  void childCallErrorPropagated() {
    try (TestChain chain = start()) {
      var tx =
          chain.run(ACT1, ctx -> ctx.call(ChildCall.of(InstanceQuery.id(COUNTER_ID), 2, NONE)));
      chain.block(tx);
      ExecutionError error = chain.error(tx).orElseThrow();
      assertThat(error.kind()).isEqualTo(ErrorKind.SERVICE);
      assertThat(error.code()).isEqualTo(3);
      assertThat(error.runtimeId()).hasValue(1);
      assertThat(error.callSite()).contains(CallSite.method(COUNTER_ID, "", 2));
      assertThat(error.backtrace()).containsExactly(CallSite.method(ACT1, "", 0));
      assertThat(Counter.countOf(chain, "a")).isZero();
    }
  }

  @Test
  void dataInaccessibleOnChildCallError() {
    try (TestChain chain = start()) {
      List<String> outcomes = new ArrayList<>();
      var swallowing =
          chain.run(
              ACT1,
              ctx -> {
                ctx.serviceData().entry("before", Serializers.string()).set("written");
                attempt(
                    outcomes, () -> ctx.call(ChildCall.of(InstanceQuery.id(COUNTER_ID), 2, NONE)));
                attempt(outcomes, () -> ctx.serviceData());
                attempt(outcomes, () -> ctx.data());
                attempt(
                    outcomes, () -> ctx.call(ChildCall.of(InstanceQuery.id(COUNTER_ID), 1, NONE)));
              });
      chain.block(swallowing);
      assertThat(outcomes).containsExactly("service:3", "core:14", "core:14", "core:14");
      ExecutionError error = assertFails(chain, swallowing, CoreError.INCORRECT_CALL);
      assertThat(error.callSite()).contains(CallSite.method(ACT1, "", 0));
      assertThat(entry(chain, "act1", "before")).isEmpty(); // the whole call is rolled back
      assertThat(Counter.countOf(chain, "a")).isZero();
    }
  }

  @Test
  void customCallErrIncorrectInstanceId() {
    try (TestChain chain = start()) {
      chain.block(chain.supervise(ext -> ext.initiateStoppingService(COUNTER_ID)));
      List<String> outcomes = new ArrayList<>();
      var tx =
          chain.run(
              ACT1,
              ctx -> {
                attempt(outcomes, () -> ctx.call(ChildCall.of(InstanceQuery.id(99), 0, NONE)));
                attempt(
                    outcomes, () -> ctx.call(ChildCall.of(InstanceQuery.name("nope"), 0, NONE)));
                attempt(
                    outcomes, () -> ctx.call(ChildCall.of(InstanceQuery.id(COUNTER_ID), 1, NONE)));
                ctx.serviceData().entry("after", Serializers.string()).set("still writable");
              });
      chain.block(tx);
      assertThat(outcomes).containsExactly("core:7", "core:7", "core:7");
      assertOk(chain, tx);
      assertThat(entry(chain, "act1", "after")).contains("still writable");
    }
  }

  @Test
  void errorsCarryCallSiteRuntimeIdAndBacktrace() {
    try (TestChain chain = start()) {
      byte[] refuse =
          Actions.register(ctx -> {
            throw ExecutionException.service(5, "refused deep down");
          });
      byte[] crash =
          Actions.register(ctx -> {
            throw new IllegalStateException("a bug in the service");
          });
      var refused =
          chain.run(
              ACT1, ctx -> ctx.call(call(ACT2, Actions.register(c -> c.call(call(ACT3, refuse))))));
      var crashed = chain.run(ACT1, ctx -> ctx.call(call(ACT3, crash)));
      chain.block(refused, crashed);

      ExecutionError error = chain.error(refused).orElseThrow();
      assertThat(error.kind()).isEqualTo(ErrorKind.SERVICE);
      assertThat(error.code()).isEqualTo(5);
      assertThat(error.description()).isEqualTo("refused deep down");
      assertThat(error.runtimeId()).hasValue(2); // the innermost runtime
      assertThat(error.callSite()).contains(CallSite.method(ACT3, "", 0));
      assertThat(error.backtrace())
          .containsExactly(CallSite.method(ACT2, "", 0), CallSite.method(ACT1, "", 0));

      ExecutionError unexpected = chain.error(crashed).orElseThrow();
      assertThat(unexpected.kind()).isEqualTo(ErrorKind.UNEXPECTED);
      assertThat(unexpected.description()).contains("a bug in the service");
      assertThat(unexpected.runtimeId()).hasValue(2);
      assertThat(unexpected.callSite()).contains(CallSite.method(ACT3, "", 0));
    }
  }

  @Test
  void noSuchInterfaceNoSuchMethodAndMethodRemoved() {
    try (TestChain chain = start()) {
      var removed = chain.tx(CONFIGURABLE_ID, 1, NONE);
      var missing = chain.tx(CONFIGURABLE_ID, 9, NONE);
      var existing = chain.tx(CONFIGURABLE_ID, 0, NONE);
      var unknownInterface =
          chain.run(ACT1, ctx -> ctx.call(call(CONFIGURABLE_ID, NONE).inInterface("x.Unknown")));
      chain.block(removed, missing, existing, unknownInterface);
      assertThat(assertFails(chain, removed, CommonError.METHOD_REMOVED).callSite())
          .contains(CallSite.method(CONFIGURABLE_ID, "", 1));
      assertThat(assertFails(chain, missing, CommonError.NO_SUCH_METHOD).callSite())
          .contains(CallSite.method(CONFIGURABLE_ID, "", 9));
      assertOk(chain, existing);
      ExecutionError noInterface =
          assertFails(chain, unknownInterface, CommonError.NO_SUCH_INTERFACE);
      assertThat(noInterface.callSite()).contains(CallSite.method(CONFIGURABLE_ID, "x.Unknown", 0));
      assertThat(noInterface.backtrace()).containsExactly(CallSite.method(ACT1, "", 0));
    }
  }

  @Test
  void configureInterfaceOnlyFromTheSupervisor() {
    try (TestChain chain = start()) {
      ChildCall configure =
          call(CONFIGURABLE_ID, NONE).inInterface(CallContext.CONFIGURE_INTERFACE);
      List<String> outcomes = new ArrayList<>();
      var byService =
          chain.run(
              ACT1,
              ctx -> {
                attempt(outcomes, () -> ctx.call(configure));
                // A refused call never reached the callee, so this context is not poisoned.
                ctx.serviceData().entry("after", Serializers.string()).set("still writable");
              });
      var bySupervisorOnBehalf = chain.run(0, ctx -> ctx.call(configure.withFallthroughAuth()));
      chain.block(byService, bySupervisorOnBehalf);
      assertThat(outcomes).containsExactly("common:2");
      assertOk(chain, byService);
      assertThat(entry(chain, "act1", "after")).contains("still writable");
      assertFails(chain, bySupervisorOnBehalf, CommonError.UNAUTHORIZED_CALLER);
      assertThat(entry(chain, "conf", "last_call")).isEmpty();

      var bySupervisor = chain.run(0, ctx -> ctx.call(configure));
      chain.block(bySupervisor);
      assertOk(chain, bySupervisor);
      assertThat(entry(chain, "conf", "last_call"))
          .contains(CallContext.CONFIGURE_INTERFACE + " from " + new Caller.Service(0));
    }
  }

  @Test
  void supervisorExtensionsOnlyForInstanceZero() {
    try (TestChain chain = start()) {
      List<String> seen = new ArrayList<>();
      Consumer<ExecutionContext> probe =
          ctx -> seen.add(ctx.instance().name() + " " + ctx.supervisorExtensions().isPresent());
      byte[] probeArgs = Actions.register(probe);
      var fromService = chain.run(ACT1, probe);
      var serviceCallsSupervisor = chain.run(ACT1, ctx -> ctx.call(call(0, probeArgs)));
      var supervisorCallsService = chain.run(0, ctx -> ctx.call(call(ACT1, probeArgs)));
      var fromSupervisor = chain.run(0, probe);
      chain.block(fromService, serviceCallsSupervisor, supervisorCallsService, fromSupervisor);
      assertThat(seen)
          .containsExactly("act1 false", "supervisor true", "act1 false", "supervisor true");
    }
  }

  private static ChildCall call(int target, byte[] arguments) {
    return ChildCall.of(InstanceQuery.id(target), 0, arguments);
  }

  /** Runs {@code access}, noting the code of the execution error it throws, if any. */
  private static void attempt(List<String> outcomes, Runnable access) {
    try {
      access.run();
      outcomes.add("ok");
    } catch (ExecutionException e) {
      outcomes.add(e.error().kind().label() + ":" + e.error().code());
    }
  }

  private static Optional<String> entry(TestChain chain, String service, String name) {
    return chain.read(d ->
        d.forService(InstanceQuery.name(service))
            .flatMap(data -> data.entry(name, Serializers.string()).get()));
  }
}
