package io.polyhost.runtime.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.service.Configurable;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.migration.MigrationHelper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile artifacts: exports that fight the loader (getters and proxies that never return), and
 * infinite loops in every kind of entry point besides transactions — hooks, constructors,
 * configuration, endpoints, migrations. Each ends deterministically (or, where node-local, is
 * logged), and the runtime goes on serving a well-behaved service.
 */
class HostileArtifactTest {
  private static final String LOOP = "for (;;) {}";

  @TempDir static Path dir;
  private static JsFixture js;
  private static InstanceSpec looper;

  @BeforeAll
  static void open() {
    js = new JsFixture(dir, new JsLimits(50_000, Duration.ofSeconds(30)));
    looper =
        js.service(
            5,
            "looper",
            """
            let reads = 0;
            // Read once when deployed, once per call: the second call in a context never returns.
            const tx = { id: 0, get run() { reads++; if (reads > 1) { for (;;) {} } return () => {}; } };
            export const service = {
              beforeTransactions(ctx) { for (;;) {} },
              afterTransactions(ctx) { for (;;) {} },
              afterCommit(ctx) { for (;;) {} },
              resume(ctx) { for (;;) {} },
              configure: { verify(ctx) { for (;;) {} }, apply(ctx) {} },
              endpoints: { public: { spin(ctx) { for (;;) {} } } },
              transactions: { lateGetter: tx, ok: { id: 1, run(ctx) { ctx.storage.entry('ok').set(true); } } },
            };
            export const migrations = { from: '0.1.0', scripts: [{ to: '1.0.0', run(ctx) { for (;;) {} } }] };
            """);
  }

  @AfterAll
  static void close() {
    js.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "export const service = { get transactions() { for (;;) {} } };",
        "export const service = new Proxy({}, { ownKeys() { for (;;) {} }, get() { for (;;) {} },"
            + " has() { for (;;) {} }, getOwnPropertyDescriptor() { for (;;) {} } });",
        "export const service = { transactions: new Proxy({}, { ownKeys() { for (;;) {} } }) };",
        "export const service = { transactions: { t: { get id() { for (;;) {} }, run() {} } } };",
        "export const service = { endpoints: { public: { get x() { for (;;) {} } } } };",
        "export const migrations = { from: '0.1.0', get scripts() { for (;;) {} } };"
            + " export const service = {};",
      })
  void exportsThatNeverAnswerAreRefusedAtDeploy(String body) {
    String name = "hostile" + Integer.toHexString(body.hashCode());
    assertThatThrownBy(() -> js.deploy(name, body))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error().is(JsError.ARTIFACT_INVALID)).isTrue())
        .hasMessageContaining("ran out of gas at load time");
    stillServes();
  }

  @Test
  void anArtifactDeclarationThatNeverAnswersIsRefused() {
    Path file = js.write("declaration.mjs", "x", "1.0.0", "export const service = {};\n");
    // Replace the generated declaration with a hostile one.
    org.assertj.core.api.Assertions.assertThatCode(() ->
            java.nio.file.Files.writeString(
                file,
                "export const artifact = { get name() { for (;;) {} }, version: '1.0.0' };\n"
                    + "export const service = {};\n"))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> js.deploy(JsFixture.id("declaration", "1.0.0"), JsDeploySpec.of(file).toBytes()))
        .hasMessageContaining("ran out of gas at load time");
    assertThatThrownBy(
            () -> js.deploy("toplevel", "export const service = {};\nglobalThis.x = 1;\n"))
        .hasMessageContaining("failed to load");
  }

  @Test
  void aGetterThatTurnsHostileAfterDeployRunsOutOfGasWhenCalled() {
    js.execute(looper, 0, "", "first read");
    assertOutOfGas(() -> js.execute(looper, 0, "", "second read"));
    stillServes();
  }

  @Test
  void infiniteLoopsInHooksRunOutOfGas() {
    assertOutOfGas(() -> js.beforeTransactions(looper));
    assertOutOfGas(() -> js.afterTransactions(looper));
    assertOutOfGas(() ->
        js.runtime.initiateResumingService(
            js.context(looper, Caller.Blockchain.INSTANCE, null), looper.artifact(), new byte[0]));
    assertOutOfGas(
        () -> js.call(looper, new Caller.Service(0), Configurable.INTERFACE_NAME, 0, "{}"));
    assertOutOfGas(() ->
        js.service(
            6, "constructor", "export const service = { initialize(ctx) { " + LOOP + " } };"));
    stillServes();
  }

  @Test
  void anInfiniteLoopAfterACommitIsOnlyLogged() {
    js.afterCommit();
    stillServes();
  }

  @Test
  void anInfiniteLoopInAnEndpointAnswers500() {
    js.commit();
    var answer =
        js.runtime
            .handleEndpoint(
                looper, new EndpointRequest(EndpointRequest.Scope.PUBLIC, "spin", Map.of()))
            .orElseThrow();
    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.json()).contains("ran out of gas");
    stillServes();
  }

  @Test
  void anInfiniteLoopInAMigrationFailsIt() throws Exception {
    ArtifactId artifact = looper.artifact();
    MigrationScript script = js.runtime.migrate(artifact, Version.parse("0.1.0")).orElseThrow();
    try (MigrationHelper helper = MigrationHelper.create(js.db, "looper")) {
      HelperContext context = new HelperContext(helper, looper, Version.parse("0.1.0"));
      assertOutOfGas(() -> script.logic().migrate(context));
    }
    stillServes();
  }

  private static void stillServes() {
    js.execute(looper, 1, "", "still serves " + System.nanoTime());
    assertThat(js.data(looper).entry("ok", Serializers.string()).get()).contains("true");
  }

  private static void assertOutOfGas(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ExecutionException.class, e -> assertThat(e.error().is(JsError.OUT_OF_GAS)).isTrue());
  }
}
