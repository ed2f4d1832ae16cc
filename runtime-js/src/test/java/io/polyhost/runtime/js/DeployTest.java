package io.polyhost.runtime.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.api.runtime.Version;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploying artifacts: the checks before, during and after evaluating a module. */
class DeployTest {
  private static final String SERVICE =
      "export const service = { transactions: { ping: { id: 0, run(ctx) {} } } };\n";

  @TempDir static Path dir;
  private static JsFixture js;

  @BeforeAll
  static void open() {
    js = new JsFixture(dir);
  }

  @AfterAll
  static void close() {
    js.close();
  }

  @Test
  void deploysAValidArtifact() {
    ArtifactId id = js.deploy("good", SERVICE);
    assertThat(js.runtime.isArtifactDeployed(id)).isTrue();
    assertThat(js.runtime.isArtifactDeployed(JsFixture.id("good", "1.0.1"))).isFalse();
  }

  @Test
  void deploysOffTheCallingThreadAndLogsTheTruffleRuntime() {
    Path file = js.write("async.mjs", "async", "1.0.0", SERVICE);
    Thread caller = Thread.currentThread();
    var stage =
        js.runtime
            .deployArtifact(JsFixture.id("async", "1.0.0"), JsDeploySpec.of(file).toBytes())
            .toCompletableFuture();
    assertThat(stage.thenApply(v -> Thread.currentThread()).join()).isNotSameAs(caller);
    assertThat(js.runtime.truffleRuntime()).isNotEmpty();
  }

  @Test
  void refusesAFileWhoseHashDiffers() {
    Path file = js.write("hashed.mjs", "hashed", "1.0.0", SERVICE);
    byte[] spec =
        new JsDeploySpec(file.getFileName().toString(), Hash.sha256(new byte[1])).toBytes();
    assertThatThrownBy(() -> js.deploy(JsFixture.id("hashed", "1.0.0"), spec))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error().is(JsError.ARTIFACT_HASH_MISMATCH)).isTrue())
        .hasMessageContaining("hashed.mjs has SHA-256");
    assertThat(js.runtime.isArtifactDeployed(JsFixture.id("hashed", "1.0.0"))).isFalse();
  }

  @Test
  void checksTheHashBeforeEvaluatingAnything() {
    // Top-level code that would fail loudly if it ran.
    Path file = js.write("evil.mjs", "evil", "1.0.0", "throw new Error('evaluated');\n");
    byte[] spec = new JsDeploySpec("evil.mjs", Hash.sha256(new byte[2])).toBytes();
    assertThatThrownBy(() -> js.deploy(JsFixture.id("evil", "1.0.0"), spec))
        .hasMessageNotContaining("evaluated")
        .hasMessageContaining("differs from the one the network agreed on");
    assertThat(file).exists();
  }

  @Test
  void refusesAMissingFile() {
    byte[] spec = new JsDeploySpec("absent.mjs", Hash.sha256(new byte[0])).toBytes();
    assertThatThrownBy(() -> js.deploy(JsFixture.id("absent", "1.0.0"), spec))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error().is(JsError.ARTIFACT_NOT_FOUND)).isTrue())
        .hasMessageContaining("no file absent.mjs");
  }

  @Test
  void refusesADeclaredNameOrVersionOtherThanRequested() {
    Path file = js.write("named.mjs", "other-name", "1.0.0", SERVICE);
    assertThatThrownBy(
            () -> js.deploy(JsFixture.id("named", "1.0.0"), JsDeploySpec.of(file).toBytes()))
        .hasMessageContaining("declares artifact other-name 1.0.0, but named 1.0.0 was requested");
    Path versioned = js.write("versioned.mjs", "versioned", "2.0.0", SERVICE);
    assertThatThrownBy(() ->
            js.deploy(JsFixture.id("versioned", "1.0.0"), JsDeploySpec.of(versioned).toBytes()))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error().is(JsError.ARTIFACT_INVALID)).isTrue())
        .hasMessageContaining("declares artifact versioned 2.0.0");
  }

  @Test
  void refusesASyntaxError() {
    assertThatThrownBy(() -> js.deploy("broken", "export const service = { oops: };\n"))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error().is(JsError.ARTIFACT_INVALID)).isTrue())
        .hasMessageContaining("syntax error");
  }

  @Test
  void refusesMalformedServiceShapes() {
    assertThatThrownBy(() -> js.deploy("noservice", "export const x = 1;\n"))
        .hasMessageContaining("does not export its service object");
    assertThatThrownBy(() ->
            js.deploy(
                "dupids",
                "export const service = { transactions: {"
                    + " a: { id: 1, run() {} }, b: { id: 1, run() {} } } };\n"))
        .hasMessageContaining("has id 1, which a has too");
    assertThatThrownBy(() ->
            js.deploy(
                "badcodec",
                "export const service = { transactions: {"
                    + " a: { id: 1, arguments: 'xml', run() {} } } };\n"))
        .hasMessageContaining("must be one of");
    assertThatThrownBy(() -> js.deploy("badhook", "export const service = { initialize: 42 };\n"))
        .hasMessageContaining("service.initialize must be a function");
    assertThatThrownBy(() ->
            js.deploy(
                "reused",
                "export const service = { removedTransactions: [2, 1],"
                    + " transactions: { a: { id: 1, run() {} } } };\n"))
        .hasMessageContaining("lists 1, which is the id of a current transaction");
    assertThatThrownBy(
            () -> js.deploy("twice", "export const service = { removedTransactions: [3, 3] };\n"))
        .hasMessageContaining("lists 3 twice");
    assertThatThrownBy(
            () -> js.deploy("negative", "export const service = { removedTransactions: [-1] };\n"))
        .hasMessageContaining("removedTransactions[0] must be an integer from 0");
    assertThatThrownBy(
            () -> js.deploy("notarray", "export const service = { removedTransactions: 4 };\n"))
        .hasMessageContaining("must be an array of the ids of removed transactions");
  }

  @Test
  void refusesAnUndeclaredArtifact() {
    Path file = dir.resolve("artifacts/bare.mjs");
    org.assertj.core.api.Assertions.assertThatCode(
            () -> java.nio.file.Files.writeString(file, SERVICE))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> js.deploy(JsFixture.id("bare", "1.0.0"), JsDeploySpec.of(file).toBytes()))
        .hasMessageContaining("does not declare its artifact");
  }

  @Test
  void refusesTopLevelCodeThatRunsOutOfGas() {
    assertThatThrownBy(() -> js.deploy("spinner", "for (;;) {}\n" + SERVICE))
        .hasMessageContaining("ran out of gas at load time");
  }

  @Test
  void refusesAMalformedSpecAndOtherRuntimes() {
    assertThatThrownBy(() -> js.deploy(JsFixture.id("x", "1.0.0"), new byte[] {(byte) 0xff}))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error().is(JsError.MALFORMED_DEPLOY_SPEC)).isTrue());
    ArtifactId java = new ArtifactId(RuntimeId.JAVA, "x", Version.parse("1.0.0"));
    assertThatThrownBy(() -> js.deploy(java, new byte[0]))
        .hasMessageContaining("not for the JavaScript runtime");
    assertThatThrownBy(() -> new JsDeploySpec("../etc/passwd.mjs", Hash.zero()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plain name");
    assertThatThrownBy(() -> new JsDeploySpec("wallet.js", Hash.zero()))
        .hasMessageContaining("ending in .mjs");
  }

  @Test
  void specRoundTrips() {
    JsDeploySpec spec = new JsDeploySpec("w.mjs", Hash.sha256(new byte[] {1}));
    assertThat(JsDeploySpec.parse(spec.toBytes())).isEqualTo(spec);
  }

  @Test
  void unloadForgetsTheArtifact() {
    ArtifactId id = js.deploy("unloaded", SERVICE);
    js.runtime.unloadArtifact(id);
    assertThat(js.runtime.isArtifactDeployed(id)).isFalse();
  }
}
