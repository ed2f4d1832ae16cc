package io.polyhost.runtime.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.storage.Serializers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prelude: clock, randomness, banned globals, frozen intrinsics and strict math. */
class DeterminismTest {
  private static final String SERVICE =
      """
      export const service = { transactions: {
        clock: { id: 0, run(ctx) {
          const real = Object.getPrototypeOf(new Date()).constructor;
          ctx.storage.entry('clock').set([
            Date.now(), new Date().getTime(), new real().getTime(), Reflect.construct(Date, []).getTime(),
            new Date(0).getTime(), typeof Date(), new (class extends Date {})().getTime(),
            new Date(Date.now()).getHours(), new Date().getTimezoneOffset(), (1234.5).toLocaleString()]);
        } },
        random: { id: 1, run(ctx) {
          ctx.storage.entry('random').set([Math.random(), Math.random(), Math.random()]);
        } },
        globals: { id: 2, run(ctx) {
          const names = ['WeakRef', 'FinalizationRegistry', 'Atomics', 'SharedArrayBuffer', 'Intl',
            'performance', 'Java', 'Polyglot', 'Packages', 'Graal', 'load', 'print', 'read', 'require',
            'process', 'setTimeout', 'ShadowRealm', 'Temporal'];
          ctx.storage.entry('globals').set(names.filter((n) => typeof globalThis[n] !== 'undefined'));
          ctx.storage.entry('frozen').set([Object.isFrozen(Object.prototype), Object.isFrozen(Array.prototype),
            Object.isFrozen(Math), Object.isFrozen(globalThis), Object.isFrozen(JSON),
            Object.isFrozen(Object.getPrototypeOf(function* () {}))]);
        } },
        math: { id: 3, run(ctx, xs) {
          ctx.storage.entry('math').set(xs.flatMap((x) => [Math.sin(x), Math.cos(x), Math.tan(x), Math.exp(x),
            Math.log(Math.abs(x)), Math.cbrt(x), Math.tanh(x), Math.atan2(x, 1.5), Math.pow(Math.abs(x), 0.37),
            Math.hypot(x, 2, 3), Math.sqrt(Math.abs(x))].map(String)));
        } },
        banned: { id: 4, run(ctx) { Math.log2(8); } },
        powEdge: { id: 5, run(ctx) { ctx.storage.entry('pow').set([String(Math.pow(1, Infinity)), Math.pow(2, 10)]); } },
        patch: { id: 6, run(ctx) { Math.random = () => 4; } },
        override: { id: 7, run(ctx) {
          class MyError extends Error { constructor() { super('m'); this.name = 'MyError'; } }
          const o = {}; o.toString = () => 'mine';
          ctx.storage.entry('override').set([new MyError().name, String(o)]);
        } },
      } };
      """;

  @TempDir Path dir;

  @Test
  void theClockIsTheBlockTimeWhateverTheBypass() {
    try (JsFixture js = new JsFixture(dir)) {
      InstanceSpec svc = js.service(1, "det", SERVICE);
      js.execute(svc, 0, "");
      long t = JsFixture.BLOCK_TIME.toEpochMilli();
      assertThat(js.data(svc).entry("clock", Serializers.string()).get())
          .contains(
              "[" + t + "," + t + "," + t + "," + t + ",0,\"string\"," + t + ",10,0,\"1,234.5\"]");
    }
  }

  @Test
  void randomIsSeededByTheTransaction() throws Exception {
    String a;
    String b;
    String c;
    try (JsFixture js = new JsFixture(Files.createDirectories(dir.resolve("a")))) {
      InstanceSpec svc = js.service(1, "det", SERVICE);
      js.execute(svc, 1, "", "tx 1");
      a = js.data(svc).entry("random", Serializers.string()).get().orElseThrow();
      js.execute(svc, 1, "", "tx 2");
      b = js.data(svc).entry("random", Serializers.string()).get().orElseThrow();
    }
    try (JsFixture js = new JsFixture(Files.createDirectories(dir.resolve("b")))) {
      InstanceSpec svc = js.service(1, "det", SERVICE);
      js.execute(svc, 1, "", "tx 1");
      c = js.data(svc).entry("random", Serializers.string()).get().orElseThrow();
    }
    assertThat(c).as("same transaction on another node").isEqualTo(a);
    assertThat(b).as("another transaction").isNotEqualTo(a);
    assertThat(a).startsWith("[0.");
  }

  /**
   * Math.random is sfc32 seeded from the call's transaction hash (mixed 12 times), fetched when the
   * call first draws: whatever earlier calls drew or did not draw, the numbers are these, and they
   * must never change between releases, or a new node would disagree with blocks already made.
   */
  @Test
  void randomIsSfc32SeededFromTheTransactionHashAtTheFirstDraw() {
    try (JsFixture js = new JsFixture(dir)) {
      InstanceSpec svc = js.service(1, "det", SERVICE);
      js.execute(svc, 1, "", "tx 0"); // draws from its own seed
      js.execute(svc, 0, ""); // draws nothing
      js.execute(svc, 1, "", "tx 1");
      String drawn = js.data(svc).entry("random", Serializers.string()).get().orElseThrow();
      double[] expected = sfc32(JsInstance.seed(Hash.sha256(JsFixture.utf8("tx 1")).toBytes()), 3);
      assertThat(drawn.substring(1, drawn.length() - 1).split(","))
          .extracting(Double::parseDouble)
          .containsExactly(expected[0], expected[1], expected[2]);
    }
  }

  /**
   * The first {@code n} numbers of sfc32 from {@code seed}, after the prelude's 12 mixing draws.
   */
  private static double[] sfc32(int[] seed, int n) {
    int a = seed[0], b = seed[1], c = seed[2], d = seed[3];
    double[] out = new double[n];
    for (int i = -12; i < n; i++) {
      int t = a + b + d;
      d = d + 1;
      a = b ^ (b >>> 9);
      b = c + (c << 3);
      c = (c << 21) | (c >>> 11);
      c = c + t;
      if (i >= 0) {
        out[i] = (t & 0xffffffffL) / 4294967296.0;
      }
    }
    return out;
  }

  @Test
  void nondeterministicGlobalsAreGoneAndIntrinsicsFrozen() {
    try (JsFixture js = new JsFixture(dir)) {
      InstanceSpec svc = js.service(1, "det", SERVICE);
      js.execute(svc, 2, "");
      assertThat(js.data(svc).entry("globals", Serializers.string()).get()).contains("[]");
      assertThat(js.data(svc).entry("frozen", Serializers.string()).get())
          .contains("[true,true,true,true,true,true]");
      assertThatThrownBy(() -> js.execute(svc, 6, "")).hasMessageContaining("TypeError");
      js.execute(svc, 7, "");
      assertThat(js.data(svc).entry("override", Serializers.string()).get())
          .contains("[\"MyError\",\"mine\"]");
    }
  }

  @Test
  void transcendentalMathIsStrictMath() {
    long seed = Long.getLong("polyhost.seed", System.nanoTime());
    System.out.println("seed=" + seed);
    Random random = new Random(seed);
    double[] xs = new double[40];
    StringBuilder args = new StringBuilder("[");
    for (int i = 0; i < xs.length; i++) {
      xs[i] = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(8) - 3);
      args.append(i == 0 ? "" : ",").append(xs[i]);
    }
    args.append("]");
    try (JsFixture js = new JsFixture(dir)) {
      InstanceSpec svc = js.service(1, "det", SERVICE);
      js.execute(svc, 3, args.toString());
      String math = js.data(svc).entry("math", Serializers.string()).get().orElseThrow();
      // Strings, since JSON has no infinities; String(number) round-trips exactly.
      String[] actual = math.substring(1, math.length() - 1).replace("\"", "").split(",");
      int k = 0;
      for (double x : xs) {
        double[] expected = {
          StrictMath.sin(x),
          StrictMath.cos(x),
          StrictMath.tan(x),
          StrictMath.exp(x),
          StrictMath.log(Math.abs(x)),
          StrictMath.cbrt(x),
          StrictMath.tanh(x),
          StrictMath.atan2(x, 1.5),
          StrictMath.pow(Math.abs(x), 0.37),
          StrictMath.hypot(StrictMath.hypot(StrictMath.hypot(0, x), 2), 3),
          Math.sqrt(Math.abs(x))
        };
        for (double e : expected) {
          assertThat(Double.parseDouble(actual[k++]))
              .as("seed=%d x=%s #%d", seed, x, k)
              .isEqualTo(e);
        }
      }
      assertThatThrownBy(() -> js.execute(svc, 4, ""))
          .hasMessageContaining("Math.log2 is not available");
      js.execute(svc, 5, "");
      assertThat(js.data(svc).entry("pow", Serializers.string()).get()).contains("[\"NaN\",1024]");
    }
  }

  @Test
  void moduleStateAndPendingCallbacksDoNotOutliveABlock() {
    String service =
        """
        let count = 0;
        let release;
        export const service = { transactions: {
          count: { id: 0, run(ctx) { count++; ctx.storage.entry('count').set(count); } },
          park: { id: 1, run(ctx) {
            new Promise((resolve) => { release = resolve; })
              .then(() => ctx.storage.entry('late').set(ctx.height));
          } },
          release: { id: 2, run(ctx) { release(); } },
        } };
        """;
    try (JsFixture js = new JsFixture(dir)) {
      InstanceSpec svc = js.service(1, "modular", service);
      js.execute(svc, 0, "", "a");
      js.execute(svc, 0, "", "b");
      // Within a block the context is kept (a node that restarts does so between blocks)...
      assertThat(js.data(svc).entry("count", Serializers.string()).get()).contains("2");
      js.execute(svc, 1, "", "park");
      js.height++;
      // ...but every block starts from the module as loaded, on every node alike.
      js.execute(svc, 0, "", "c");
      assertThat(js.data(svc).entry("count", Serializers.string()).get()).contains("1");
      assertThatThrownBy(() -> js.execute(svc, 2, "", "release")).hasMessageContaining("TypeError");
      assertThat(js.data(svc).entry("late", Serializers.string()).get()).isEmpty();
    }
  }

  @Test
  void theRuntimeRefusesAJvmOutsideUtc() {
    assertThatThrownBy(() -> JsRuntime.requireUtc(TimeZone.getTimeZone("Asia/Tokyo")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("-Duser.timezone=UTC");
    JsRuntime.requireUtc(TimeZone.getTimeZone("UTC"));
  }
}
