package io.polyhost.runtime.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.storage.Serializers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statement-limit gas is deterministic, and the wall-clock watchdog is a node-local fault. */
class GasTest {
  private static final long LIMIT = 20_000;
  private static final String SERVICE =
      """
      export const service = { transactions: {
        spin: { id: 0, run(ctx, n) { let x = 0; for (let i = 0; i < n; i++) { x += i; } } },
        forever: { id: 1, run(ctx) { for (;;) {} } },
        bump: { id: 2, run(ctx) { const e = ctx.storage.entry('n'); e.set((e.get() ?? 0) + 1); } },
        swallow: { id: 3, run(ctx) { try { for (;;) {} } catch (e) { ctx.storage.entry('caught').set(1); } } },
      } };
      """;

  @TempDir Path dir;

  /** The largest loop count a call may run under {@link #LIMIT}, found by bisection. */
  private static int largestPassing(JsFixture js, InstanceSpec svc) {
    int lo = 0;
    int hi = (int) LIMIT;
    while (lo + 1 < hi) {
      int mid = (lo + hi) >>> 1;
      if (passes(js, svc, mid)) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static boolean passes(JsFixture js, InstanceSpec svc, int n) {
    try {
      js.execute(svc, 0, Integer.toString(n), "spin " + n);
      return true;
    } catch (ExecutionException e) {
      assertThat(e.error().is(JsError.OUT_OF_GAS)).as("%s", e).isTrue();
      return false;
    }
  }

  @Test
  void outOfGasIsTheSameOnEveryRunAndTheServiceWorksAfterwards() throws Exception {
    JsLimits limits = new JsLimits(LIMIT, Duration.ofSeconds(30));
    int first;
    try (JsFixture js = new JsFixture(Files.createDirectories(dir.resolve("a")), limits)) {
      InstanceSpec svc = js.service(1, "gas", SERVICE);
      first = largestPassing(js, svc);
      // Warm the code, then measure again in the same (repeatedly rebuilt) context.
      for (int i = 0; i < 200; i++) {
        js.execute(svc, 0, "50", "warm " + i);
      }
      assertThat(largestPassing(js, svc)).isEqualTo(first);
      js.execute(svc, 2, "", "bump 1");
      assertThatThrownBy(() -> js.execute(svc, 1, ""))
          .isInstanceOfSatisfying(
              ExecutionException.class,
              e -> {
                assertThat(e.error().is(JsError.OUT_OF_GAS)).isTrue();
                assertThat(e.error().description()).contains("more than " + LIMIT + " statements");
              });
      // A guest cannot catch running out of gas.
      assertThatThrownBy(() -> js.execute(svc, 3, "")).hasMessageContaining("ran out of gas");
      assertThat(js.data(svc).entry("caught", Serializers.string()).isPresent()).isFalse();
      js.execute(svc, 2, "", "bump 2");
      assertThat(js.data(svc).entry("n", Serializers.string()).get()).contains("2");
    }
    try (JsFixture other = new JsFixture(Files.createDirectories(dir.resolve("b")), limits)) {
      InstanceSpec svc = other.service(1, "gas", SERVICE);
      assertThat(largestPassing(other, svc)).as("a fresh runtime").isEqualTo(first);
    }
    System.out.println("largest loop passing under " + LIMIT + " statements: " + first);
    assertThat(first).isBetween(1000, (int) LIMIT);
  }

  @Test
  void theWatchdogHaltsInsteadOfRecordingAResult() throws Exception {
    JsLimits limits = new JsLimits(Long.MAX_VALUE, Duration.ofSeconds(1));
    try (JsFixture js = new JsFixture(Files.createDirectories(dir.resolve("w")), limits)) {
      InstanceSpec svc = js.service(1, "slow", SERVICE);
      assertThatThrownBy(() -> js.execute(svc, 1, ""))
          .isInstanceOf(NodeFaultException.class)
          .isNotInstanceOf(ExecutionException.class)
          .hasMessageContaining("cancelled by the watchdog");
      js.execute(svc, 2, "", "after the watchdog");
      assertThat(js.data(svc).entry("n", Serializers.string()).get()).contains("1");
    }
  }
}
