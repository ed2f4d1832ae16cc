package io.polyhost.runtime.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.error.CommonError;
import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.storage.Serializers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sandbox escape and denial-of-service attempts (graaljs.md §4): each fails as a deterministic
 * error of the call (or is harmless), and afterwards the JVM and another service's context still
 * work and that service's state is untouched.
 */
class EscapeTest {
  /** An attempt: its transaction body and what its error says ({@code null}: it succeeds). */
  record Attempt(String name, String body, @Nullable String error) {}

  static final List<Attempt> ATTEMPTS =
      List.of(
          new Attempt(
              "host class lookup",
              "Java.type('java.lang.Runtime').getRuntime().exec('id');",
              "Java is not defined"),
          new Attempt(
              "System.exit via Packages",
              "Packages.java.lang.System.exit(3);",
              "Packages is not defined"),
          new Attempt(
              "java package global",
              "java.lang.System.getProperty('user.home');",
              "java is not defined"),
          new Attempt(
              "other languages", "Polyglot.eval('python', '1 + 1');", "Polyglot is not defined"),
          new Attempt("load a file", "load('/etc/passwd');", "load is not defined"),
          new Attempt("read a file", "read('/etc/passwd');", "read is not defined"),
          new Attempt("require", "require('fs');", "require is not defined"),
          new Attempt("eval", "eval('1 + 1');", "dynamic evaluation of code is disabled"),
          new Attempt(
              "Function constructor",
              "new Function('return globalThis')();",
              "dynamic evaluation of code is disabled"),
          new Attempt(
              "constructor chain",
              "ctx.storage.map.constructor.constructor('return this')();",
              "dynamic evaluation of code is disabled"),
          new Attempt("prototype pollution", "Object.prototype.polluted = 1;", "TypeError"),
          new Attempt(
              "patching a builtin",
              "Array.prototype.push = function () { return 0; };",
              "TypeError"),
          new Attempt("new global", "globalThis.leak = 1;", "TypeError"),
          new Attempt(
              "deep recursion",
              "(function f(n) { return f(n + 1) + 1; })(0);",
              "Maximum call stack size exceeded"),
          new Attempt("huge string", "'x'.repeat(2 ** 30);", "RangeError"),
          new Attempt("huge buffer", "new ArrayBuffer(2 ** 31);", "RangeError"),
          new Attempt("huge array", "new Array(2 ** 32);", "RangeError"),
          new Attempt(
              "catastrophic regex",
              "ctx.storage.entry('regex').set(/^(a|a)*\\1$/.test('a'.repeat(36) + 'b'));",
              null),
          new Attempt("infinite loop", "for (;;) {}", "ran out of gas"),
          new Attempt(
              "infinite microtasks",
              "const f = () => Promise.resolve().then(f); f();",
              "ran out of gas"),
          new Attempt(
              "hostile thrown getter",
              "throw { get message() { for (;;) {} }, toString() { for (;;) {} } };",
              ""),
          new Attempt(
              "hostile thrown proxy",
              "throw new Proxy({}, { has() { for (;;) {} }, get() { for (;;) {} } });",
              ""),
          new Attempt(
              "forged ExecutionError",
              "throw { code: 5, message: 'forged', name: 'ExecutionError' };",
              ""),
          new Attempt("dynamic import", "import('/etc/passwd');", null),
          new Attempt(
              "Atomics.wait",
              "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);",
              "Atomics is not defined"),
          new Attempt(
              "storage outside the sandbox",
              "ctx.storage.entry('../../canary.n').set(1);",
              "Index name"));

  @TempDir static Path dir;
  private static JsFixture js;
  private static InstanceSpec attacker;
  private static InstanceSpec canary;

  @BeforeAll
  static void open() {
    // A small gas limit: a chain of microtasks costs microseconds per statement (graaljs.md §4).
    js = new JsFixture(dir, new JsLimits(100_000, Duration.ofSeconds(30)));
    StringBuilder body = new StringBuilder("export const service = { transactions: {\n");
    for (int i = 0; i < ATTEMPTS.size(); i++) {
      body.append("  t")
          .append(i)
          .append(": { id: ")
          .append(i)
          .append(", run(ctx, args) { ")
          .append(ATTEMPTS.get(i).body())
          .append(" } },\n");
    }
    body.append(
        "  json: { id: 1000, run(ctx, args) {} },\n"
            + "}, beforeTransactions(ctx) { for (;;) {} } };\n");
    attacker = js.service(1, "attacker", body.toString());
    canary =
        js.service(
            2,
            "canary",
            "export const service = { transactions: { bump: { id: 0, run(ctx) {"
                + " const n = ctx.storage.entry('n'); n.set((n.get() ?? 0) + 1);"
                + " ctx.storage.entry('proto').set(Object.keys(Object.prototype).length === 0 && ({}).polluted === undefined);"
                + " } } } };\n");
    js.execute(canary, 0, "", "canary start");
  }

  @AfterAll
  static void close() {
    js.close();
  }

  static Stream<Arguments> attempts() {
    return java.util.stream.IntStream.range(0, ATTEMPTS.size())
        .mapToObj(i -> Arguments.of(i, ATTEMPTS.get(i).name()));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("attempts")
  void isRejectedAndTheNodeStillWorks(int id, String name) {
    String error = ATTEMPTS.get(id).error();
    if (error == null) {
      js.execute(attacker, id, "", "attempt " + id);
    } else {
      assertThatThrownBy(() -> js.execute(attacker, id, "", "attempt " + id))
          .as(name)
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining(error);
    }
  }

  @AfterEach
  void canaryIsUnharmed() {
    String before = js.data(canary).entry("n", Serializers.string()).get().orElseThrow();
    js.execute(canary, 0, "", "canary after " + before);
    long n = Long.parseLong(js.data(canary).entry("n", Serializers.string()).get().orElseThrow());
    assertThat(n).isEqualTo(Long.parseLong(before) + 1);
    assertThat(js.data(canary).entry("proto", Serializers.string()).get()).contains("true");
    assertThat(Runtime.getRuntime().freeMemory()).isPositive();
  }

  @Test
  void aJsonBombIsMalformedArguments() {
    String bomb = "[".repeat(200_000) + "]".repeat(200_000);
    assertThatThrownBy(() -> js.execute(attacker, 1000, bomb))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e ->
                assertThat(
                        e.error().is(CommonError.MALFORMED_ARGUMENTS)
                            || e.error().kind() == ErrorKind.UNEXPECTED)
                    .as("%s", e)
                    .isTrue());
  }

  @Test
  void anInfiniteLoopInAHookRunsOutOfGas() {
    assertThatThrownBy(() -> js.beforeTransactions(attacker))
        .isInstanceOfSatisfying(
            ExecutionException.class, e -> assertThat(e.error().is(JsError.OUT_OF_GAS)).isTrue());
  }
}
