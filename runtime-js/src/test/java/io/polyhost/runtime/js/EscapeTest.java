package io.polyhost.runtime.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.polyhost.api.error.CommonError;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.storage.Serializers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
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
 * Sandbox escape and denial-of-service attempts from inside a transaction (graaljs.md §4 and more):
 * each is refused as a deterministic error of the call, is harmless, or — where the outcome could
 * differ between nodes — stops the block as a node fault instead of recording a result. Afterwards
 * another service's context still works, its intrinsics are pristine and its state is what it
 * should be. Hostile artifacts and hooks are in {@link HostileArtifactTest}.
 */
class EscapeTest {
  /** What an attempt leads to. */
  enum Outcome {
    /** The call fails with an {@link ExecutionException} whose message contains the text. */
    REFUSED,
    /** The call succeeds and does nothing harmful. */
    HARMLESS,
    /** The call stops as a node fault, never a recorded result; the text is in the message. */
    HALTS
  }

  record Attempt(String name, String body, Outcome outcome, String text) {
    static Attempt refused(String name, String body, String text) {
      return new Attempt(name, body, Outcome.REFUSED, text);
    }

    static Attempt harmless(String name, String body) {
      return new Attempt(name, body, Outcome.HARMLESS, "");
    }
  }

  static final String BACKREFERENCES = "backreferences";

  static final List<Attempt> ATTEMPTS =
      List.of(
          // Host access (graaljs.md §4.2).
          Attempt.refused(
              "host class lookup",
              "Java.type('java.lang.Runtime').getRuntime().exec('id');",
              "Java is not defined"),
          Attempt.refused(
              "System.exit via Packages",
              "Packages.java.lang.System.exit(3);",
              "Packages is not defined"),
          Attempt.refused(
              "java package global",
              "java.lang.System.getProperty('user.home');",
              "java is not defined"),
          Attempt.refused(
              "other languages", "Polyglot.eval('python', '1 + 1');", "Polyglot is not defined"),
          Attempt.refused("load a file", "load('/etc/passwd');", "load is not defined"),
          Attempt.refused("read a file", "read('/etc/passwd');", "read is not defined"),
          Attempt.refused("require", "require('fs');", "require is not defined"),
          Attempt.harmless("dynamic import", "import('/etc/passwd');"),
          Attempt.refused(
              "WebAssembly",
              "WebAssembly.compile(new Uint8Array(8));",
              "WebAssembly is not defined"),
          Attempt.refused(
              "Atomics.wait",
              "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);",
              "Atomics is not defined"),
          // Code from strings.
          Attempt.refused("eval", "eval('1 + 1');", "dynamic evaluation of code is disabled"),
          Attempt.refused(
              "Function constructor",
              "new Function('return globalThis')();",
              "dynamic evaluation of code is disabled"),
          Attempt.refused(
              "constructor chain",
              "ctx.storage.map.constructor.constructor('return this')();",
              "dynamic evaluation of code is disabled"),
          Attempt.refused(
              "async function constructor",
              "(async () => {}).constructor('return 1')();",
              "dynamic evaluation of code is disabled"),
          // Reaching into the runtime's own objects.
          Attempt.refused(
              "stack trace hook",
              "Error.prepareStackTrace = (e, frames) => frames.map((f) => f.getThis());",
              "TypeError"),
          Attempt.refused("caller chain", "(function f() { return f.caller; })();", "TypeError"),
          Attempt.refused("replace the storage", "ctx.storage.entry = () => 0;", "TypeError"),
          Attempt.refused(
              "replace ExecutionError", "globalThis.ExecutionError = Error;", "TypeError"),
          Attempt.refused(
              "host argument coercion",
              "ctx.storage.list('l').get({ valueOf() { for (;;) {} } });",
              "TypeError"),
          Attempt.refused(
              "index name coercion",
              "ctx.storage.entry({ toString() { for (;;) {} } }).get();",
              "TypeError"),
          Attempt.refused(
              "storage outside the sandbox",
              "ctx.storage.entry('../../canary.n').set(1);",
              "Index name"),
          // Prototype pollution of the intrinsics (other contexts are checked by the canary).
          Attempt.refused("prototype pollution", "Object.prototype.polluted = 1;", "TypeError"),
          Attempt.refused(
              "defineProperty on Object.prototype",
              "Object.defineProperty(Object.prototype, 'polluted', { value: 1 });",
              "TypeError"),
          Attempt.refused(
              "pollution through a constructor",
              "({}).constructor.prototype.polluted = 1;",
              "TypeError"),
          Attempt.refused(
              "overriding Object.prototype.toString",
              "Object.prototype.toString = () => 'pwned';",
              "frozen intrinsic"),
          Attempt.refused(
              "patching a builtin",
              "Array.prototype.push = function () { return 0; };",
              "TypeError"),
          Attempt.refused("patching JSON", "JSON.parse = () => ({});", "TypeError"),
          Attempt.refused(
              "patching promises", "Promise.prototype.then = function () {};", "TypeError"),
          Attempt.refused(
              "patching Function.prototype.call",
              "Function.prototype.call = function () {};",
              "TypeError"),
          Attempt.harmless(
              "swapping Array.prototype's prototype",
              "if (Reflect.setPrototypeOf(Array.prototype, null)) throw new Error('changed');"),
          Attempt.harmless(
              "__proto__ in JSON", "JSON.parse('{\"__proto__\": {\"polluted\": 1}}').polluted;"),
          Attempt.refused("new global", "globalThis.leak = 1;", "TypeError"),
          // Catastrophic regular expressions: backreferences need a backtracking engine.
          Attempt.harmless("nested quantifiers", "/^(a+)+$/.test('a'.repeat(5000) + '!');"),
          Attempt.harmless(
              "ambiguous alternation",
              "ctx.storage.entry('regex').set(/^(a|a)*$/.test('a'.repeat(36) + 'b'));"),
          Attempt.refused(
              "backreference regex", "/^(a|aa)+\\1$/.test('a'.repeat(40) + 'b');", BACKREFERENCES),
          Attempt.refused(
              "named backreference regex",
              "/^(?<x>a|aa)+\\k<x>$/.exec('a'.repeat(40) + 'b');",
              BACKREFERENCES),
          Attempt.refused(
              "backreference regex built at run time",
              "new RegExp('(a|b|ab)*' + String.fromCharCode(92) + '1c').test('ab'.repeat(25));",
              BACKREFERENCES),
          Attempt.refused(
              "backreference regex through replace",
              "('a'.repeat(40) + 'b').replace(/^(a|aa)+\\1$/, '');",
              BACKREFERENCES),
          Attempt.refused(
              "backreference regex through split",
              "('a'.repeat(40) + 'b').split(/(a|aa)+\\1x/);",
              BACKREFERENCES),
          Attempt.refused(
              "backreference regex with a fake source",
              "class R extends RegExp { get source() { return 'a'; } }"
                  + " new R('^(a|aa)+\\\\1$').test('a'.repeat(40) + 'b');",
              BACKREFERENCES),
          // Resource exhaustion.
          Attempt.refused("infinite loop", "for (;;) {}", "ran out of gas"),
          Attempt.refused(
              "infinite microtasks",
              "const f = () => Promise.resolve().then(f); f();",
              "ran out of gas"),
          Attempt.refused(
              "getter loop in a stored value",
              "ctx.storage.entry('x').set({ toJSON() { for (;;) {} } });",
              "ran out of gas"),
          new Attempt(
              "deep recursion",
              "(function f(n) { return f(n + 1) + 1; })(0);",
              Outcome.HALTS,
              "overflowed the stack"),
          new Attempt(
              "deep recursion, the overflow caught",
              "let depth = 0; function f() { depth++; f(); }"
                  + " try { f(); } catch (e) { ctx.storage.entry('caught').set(depth); }",
              Outcome.HALTS,
              "overflowed the stack"),
          new Attempt(
              "recursion that catches the overflow at every level",
              "function h(n) { try { return h(n + 1); } catch (e) { return n; } }"
                  + " ctx.storage.entry('caught').set(h(0));",
              Outcome.HALTS,
              "overflowed the stack"),
          Attempt.refused(
              "JSON.parse of a text nested deeper than 1,000 levels",
              "JSON.parse('['.repeat(1001) + ']'.repeat(1001));",
              "JSON text nested deeper than 1000 levels"),
          Attempt.refused(
              "JSON.stringify of an object nested deeper than its fixed limit",
              "let o = {}; const root = o;"
                  + " for (let i = 0; i < 2000; i++) { o.x = {}; o = o.x; } JSON.stringify(root);",
              "cannot stringify objects nested that deep"),
          Attempt.refused(
              "a service's own 'Maximum call stack' error",
              "throw new RangeError('Maximum call stack size exceeded');",
              "Maximum call stack size exceeded"),
          Attempt.refused("huge string", "'x'.repeat(2 ** 30);", "RangeError"),
          Attempt.refused("huge buffer", "new ArrayBuffer(2 ** 31);", "RangeError"),
          Attempt.refused("huge array", "new Array(2 ** 32);", "RangeError"),
          Attempt.refused(
              "too large a value",
              "ctx.storage.entry('big').set('x'.repeat(2 * 1024 * 1024));",
              "too large"),
          Attempt.refused(
              "JSON bomb into storage",
              "let a = [1]; for (let i = 0; i < 20; i++) { a = [a, a]; }"
                  + " ctx.storage.entry('bomb').set(a);",
              "too large"),
          Attempt.refused(
              "deeply nested value into storage",
              "let a = []; for (let i = 0; i < 300; i++) { a = [a]; } ctx.storage.entry('x').set(a);",
              "nested deeper than 256"),
          Attempt.refused(
              "cyclic JSON",
              "const a = []; a.push(a); ctx.storage.entry('c').set(a);",
              "TypeError"),
          Attempt.refused(
              "huge page", "ctx.storage.map('m').keys({ limit: 1e9 });", "A page holds"),
          Attempt.harmless(
              "log flood", "for (let i = 0; i < 20000; i++) { console.log('flood ' + i); }"),
          // Forged errors.
          Attempt.refused(
              "hostile thrown getter",
              "throw { get message() { for (;;) {} }, toString() { for (;;) {} } };",
              ""),
          Attempt.refused(
              "hostile thrown proxy",
              "throw new Proxy({}, { has() { for (;;) {} }, get() { for (;;) {} } });",
              ""),
          Attempt.refused(
              "forged ExecutionError",
              "throw { code: 5, message: 'forged', name: 'ExecutionError' };",
              "unexpected"),
          Attempt.refused(
              "forged CallError", "throw Object.create(CallError.prototype);", "unexpected"),
          Attempt.refused(
              "ExecutionError lying about its code",
              "class E extends ExecutionError { get code() { return -7; } }"
                  + " throw new E(9, 'real code 9');",
              "service:9"),
          Attempt.refused(
              "ExecutionError with an object message",
              "const e = new ExecutionError(4, 'm'); Object.defineProperty(e, 'message',"
                  + " { value: { toString() { return 'tricky'; } } }); throw e;",
              "tricky"));

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
        """
          json: { id: 1000, run(ctx, args) {} },
          parse: { id: 1001, arguments: 'string', run(ctx, text) { JSON.parse(text); } },
          proxies: { id: 1002, run(ctx) {
            let p = {}; for (let i = 0; i < 10000; i++) p = new Proxy(p, {});
            try { p.x; } catch (e) { ctx.storage.entry('caught').set(String(e)); } } },
          bound: { id: 1003, run(ctx) {
            let g = () => 1; for (let i = 0; i < 10000; i++) g = g.bind(null);
            Promise.resolve().then(() => g()).catch((e) => ctx.storage.entry('caught').set(1)); } },
        } };
        """);
    attacker = js.service(1, "attacker", body.toString());
    canary =
        js.service(
            2,
            "canary",
            """
            export const service = { transactions: { bump: { id: 0, run(ctx) {
              const n = ctx.storage.entry('n'); n.set((n.get() ?? 0) + 1);
              ctx.storage.entry('pristine').set(Object.keys(Object.prototype).length === 0
                && ({}).polluted === undefined && [].polluted === undefined
                && Object.getPrototypeOf(Array.prototype) === Object.prototype
                && String({}) === '[object Object]' && typeof JSON.parse('{}') === 'object'
                && [1].push(2) === 2 && Promise.prototype.then.name === 'then'
                && typeof globalThis.leak === 'undefined');
            } } } };
            """);
    js.execute(canary, 0, "", "canary start");
  }

  @AfterAll
  static void close() {
    js.close();
  }

  static Stream<Arguments> attempts() {
    return IntStream.range(0, ATTEMPTS.size())
        .mapToObj(i -> Arguments.of(i, ATTEMPTS.get(i).name()));
  }

  @Test
  void thereAreMoreThanFortyDistinctAttempts() {
    assertThat(ATTEMPTS).extracting(Attempt::name).doesNotHaveDuplicates().hasSizeGreaterThan(40);
    assertThat(ATTEMPTS).extracting(Attempt::body).doesNotHaveDuplicates();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("attempts")
  void isRejectedAndTheNodeStillWorks(int id, String name) {
    Attempt attempt = ATTEMPTS.get(id);
    switch (attempt.outcome()) {
      case HARMLESS -> js.execute(attacker, id, "", "attempt " + id);
      case REFUSED ->
          assertThatThrownBy(() -> js.execute(attacker, id, "", "attempt " + id))
              .as(name)
              .isInstanceOf(ExecutionException.class)
              .hasMessageContaining(attempt.text());
      case HALTS ->
          assertThatThrownBy(() -> js.execute(attacker, id, "", "attempt " + id))
              .as(name)
              .isInstanceOf(NodeFaultException.class)
              .isNotInstanceOf(ExecutionException.class)
              .hasMessageContaining(attempt.text());
    }
  }

  @AfterEach
  void canaryIsUnharmed() {
    String before = js.data(canary).entry("n", Serializers.string()).get().orElseThrow();
    js.execute(canary, 0, "", "canary after " + before);
    long n = Long.parseLong(js.data(canary).entry("n", Serializers.string()).get().orElseThrow());
    assertThat(n).isEqualTo(Long.parseLong(before) + 1);
    assertThat(js.data(canary).entry("pristine", Serializers.string()).get()).contains("true");
    assertThat(js.data(attacker).entry("x", Serializers.string()).get()).isEmpty();
    assertThat(js.data(attacker).entry("bomb", Serializers.string()).get()).isEmpty();
  }

  @Test
  void deeplyNestedJsonArgumentsAreRefusedBeforeParsing() {
    String bomb = "[".repeat(200_000) + "]".repeat(200_000);
    assertThatThrownBy(() -> js.execute(attacker, 1000, bomb))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error().is(CommonError.MALFORMED_ARGUMENTS)).isTrue())
        .hasMessageContaining("nested deeper than " + Json.MAX_DEPTH);
    String quoted = "[\"" + "[".repeat(10_000) + "\"]";
    js.execute(attacker, 1000, quoted, "brackets in a string");
    js.execute(attacker, 1000, "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH), "deep");
  }

  @Test
  void aDeepJsonParseInsideTheServiceIsRefusedTheSameWayOnEveryNode() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThatThrownBy(() -> js.execute(attacker, 1001, deep))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("JSON text nested deeper than 1000 levels");
    String allowed = "[".repeat(1000) + "]".repeat(1000);
    js.execute(attacker, 1001, allowed, "as deep as allowed");
  }

  @Test
  void aJsonParseWithinTheLimitThatStillOverflowsAShortStackHalts() throws InterruptedException {
    String allowed = "[".repeat(1000) + "]".repeat(1000);
    assertThat(onShortStack(() -> js.execute(attacker, 1001, allowed, "short")))
        .isInstanceOf(NodeFaultException.class)
        .hasMessageContaining("overflowed the stack");
  }

  @Test
  void overflowsInsideTheEngineThatTheServiceCatchesHalt() throws InterruptedException {
    for (int id : new int[] {1002, 1003}) {
      assertThat(onShortStack(() -> js.execute(attacker, id, "", "chain " + id)))
          .as("transaction %d", id)
          .isInstanceOf(NodeFaultException.class)
          .hasMessageContaining("overflowed the stack");
    }
  }

  /**
   * What {@code call} throws on a thread with a short stack, which stands for a node whose stack is
   * nearly used up: chains the gas allows overflow it for sure.
   */
  private static @Nullable Throwable onShortStack(Runnable call) throws InterruptedException {
    Throwable[] thrown = new Throwable[1];
    Thread thread =
        new Thread(null, () -> thrown[0] = catchThrowable(call::run), "short", 320 << 10);
    thread.start();
    thread.join();
    return thrown[0];
  }

  @Test
  void errorsKeepTheCodeTheyWereMadeWith() {
    int lying =
        ATTEMPTS.indexOf(
            ATTEMPTS.stream().filter(a -> a.name().contains("lying")).findFirst().orElseThrow());
    assertThatThrownBy(() -> js.execute(attacker, lying, "", "lying"))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error()).isEqualTo(ExecutionError.service(9, "real code 9")));
  }
}
