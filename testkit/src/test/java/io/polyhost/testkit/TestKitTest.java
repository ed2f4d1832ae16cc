package io.polyhost.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.StateProof;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.proof.VerifiedMapProof;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.storage.Serializers;
import io.polyhost.supervisor.proto.SupervisorMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class TestKitTest {
  private static final ArtifactId COUNTER = ArtifactId.parse("1:proving-counter:1.0.0");
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final TestKitExtension KITS =
      TestKitExtension.of(() ->
          TestKit.builder()
              .withArtifact(COUNTER, ProvingCounter.FACTORY)
              .withService("counter", "proving-counter"));

  @TempDir Path dir;

  @Test
  void transactions_by_method_name_change_state_and_failures_are_reported(TestKit kit) {
    KeyPair alice = kit.keys("alice");
    TxResult ok = kit.execute(kit.tx(alice, "counter", "count", utf8("alice"))).requireOk();
    TxResult failed = kit.execute(kit.tx(alice, "counter", "fail", new byte[0]));

    assertThat(ok.height()).isEqualTo(1);
    assertThat(failed.requireError().code()).isEqualTo(7);
    assertThat(failed.requireError().description()).isEqualTo("asked to fail");
    long count =
        kit.readService(
            "counter",
            data ->
                data.proofMap("counts", Serializers.string(), Serializers.int64())
                    .get("alice")
                    .orElseThrow());
    assertThat(count).isEqualTo(1);
    assertThatThrownBy(() -> kit.tx(alice, "counter", "nope", new byte[0]))
        .hasMessageContaining("no transaction named 'nope'")
        .hasMessageContaining("count (0)");
  }

  @Test
  void the_pool_holds_submitted_transactions_until_a_block_takes_them(TestKit kit) {
    SignedTransaction a = kit.tx(kit.keys("a"), "counter", "count", utf8("x"));
    SignedTransaction b = kit.tx(kit.keys("b"), "counter", "count", utf8("x"));
    kit.submit(a, b);
    assertThat(kit.pool()).containsExactly(a, b);

    Block block = kit.createBlock();

    assertThat(block.txCount()).isEqualTo(2);
    assertThat(kit.pool()).isEmpty();
    assertThat(kit.result(a).isOk()).isTrue();
    assertThatThrownBy(() -> kit.submit(a)).hasMessageContaining("committed already");
    SignedTransaction toNowhere = kit.tx(kit.keys("a"), "counter", 0, new byte[0]);
    assertThatThrownBy(() ->
            kit.submit(
                io.polyhost.api.message.SignedMessage.sign(
                    kit.keys("a"),
                    toNowhere.transaction().toBuilder()
                        .setCallInfo(
                            toNowhere.transaction().getCallInfo().toBuilder().setInstanceId(42))
                        .build())))
        .hasMessageContaining("The pool refuses");
  }

  @Test
  void block_times_follow_the_kit_clock(TestKit kit) {
    Instant genesis = kit.lastBlock().time();
    assertThat(genesis).isEqualTo(TestKitBuilder.DEFAULT_GENESIS_TIME);
    kit.createBlock();
    assertThat(kit.lastBlock().time()).isEqualTo(genesis.plusSeconds(1));

    kit.advanceTime(Duration.ofDays(1));
    kit.execute(kit.tx(kit.keys("a"), "counter", "count", utf8("a")));

    Instant expected = genesis.plusSeconds(2).plus(Duration.ofDays(1));
    assertThat(kit.lastBlock().time()).isEqualTo(expected);
    long seen =
        kit.readService(
            "counter", d -> d.entry("last-time", Serializers.int64()).get().orElseThrow());
    assertThat(seen).isEqualTo(expected.getEpochSecond());
    assertThatThrownBy(() -> kit.setNextBlockTime(genesis)).hasMessageContaining("never go back");
  }

  @Test
  void read_endpoints_prove_their_answers_up_to_a_certified_block(TestKit kit) throws Exception {
    kit.execute(kit.tx(kit.keys("a"), "counter", "count", utf8("bob"))).requireOk();
    kit.execute(kit.tx(kit.keys("b"), "counter", "count", utf8("bob"))).requireOk();

    JsonNode answer = JSON.readTree(kit.get("counter", "count?who=bob").json());
    StateProof proof = StateProof.fromHex(answer.get("proof").asText());
    VerifiedMapProof entries = proof.verifyMap(kit.validatorKeys());

    assertThat(answer.get("count").asLong()).isEqualTo(2);
    assertThat(proof.indexName()).isEqualTo("counter.counts");
    assertThat(proof.blockProof().block().height()).isEqualTo(kit.height());
    assertThat(entries.entries()).hasSize(1);
    assertThat(entries.value("bob", Serializers.string(), Serializers.int64())).contains(2L);

    // Absence is proven too, and a proof does not verify under other validators' keys.
    StateProof absent =
        StateProof.fromHex(
            JSON.readTree(kit.get("counter", "count?who=carol").json()).get("proof").asText());
    assertThat(absent.verifyMap(kit.validatorKeys()).missing(Serializers.string()))
        .containsExactly("carol");
    assertThatThrownBy(() -> proof.verifyMap(List.of(kit.keys("mallory").publicKey())))
        .isInstanceOf(ProofVerificationException.class);
    assertThatThrownBy(() -> proof.verifyList(kit.validatorKeys()))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("not of list elements");
  }

  @Test
  void a_tampered_state_proof_is_rejected(TestKit kit) throws Exception {
    kit.execute(kit.tx(kit.keys("a"), "counter", "count", utf8("bob"))).requireOk();
    StateProof proof =
        StateProof.fromHex(
            JSON.readTree(kit.get("counter", "count?who=bob").json()).get("proof").asText());
    // Another index's proof under this name, and a state from another block, both fail.
    kit.execute(kit.tx(kit.keys("b"), "counter", "count", utf8("bob"))).requireOk();
    StateProof later =
        StateProof.fromHex(
            JSON.readTree(kit.get("counter", "count?who=bob").json()).get("proof").asText());
    String hex = later.toHex();
    // Field 99 = 1 appended: the same proof decoded, but not the bytes a node writes.
    assertThatThrownBy(() -> StateProof.fromHex(hex + "980601"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("canonical");
    StateProof mixed = new StateProof(proof.blockProof(), later.indexProof(), later.entries());
    StateProof stale = new StateProof(later.blockProof(), later.indexProof(), proof.entries());

    assertThatThrownBy(() -> mixed.verifyMap(kit.validatorKeys()))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("does not match the state hash");
    assertThatThrownBy(() -> stale.verifyMap(kit.validatorKeys()))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("do not match index 'counter.counts'");
  }

  @Test
  void javascript_services_deploy_start_migrate_and_restart() throws Exception {
    Path v1 = write("counter-1.0.0.mjs", jsCounter("1.0.0", 1, false));
    Path v2 = write("counter-2.0.0.mjs", jsCounter("2.0.0", 10, true));
    try (TestKit kit =
        TestKit.builder()
            .withValidators(4)
            .withSupervisorMode(SupervisorMode.DECENTRALIZED)
            .withArtifact(v1)
            .withService("js", "2:counter:1.0.0")
            .start()) {
      KeyPair alice = kit.keys("alice");
      kit.execute(kit.jsonTx(alice, "js", "inc", "{}")).requireOk();
      assertThat(JSON.readTree(kit.get("js", "count").json()).asLong()).isEqualTo(1);

      ArtifactId second = kit.addArtifact(v2);
      kit.deploy(second);
      kit.start(second, "js-two", new byte[0]);
      kit.execute(kit.jsonTx(alice, "js-two", "inc", "{}")).requireOk();
      assertThat(JSON.readTree(kit.get("js-two", "count").json()).asLong()).isEqualTo(10);

      kit.upgrade("js", second);
      assertThat(kit.instance("js").spec().artifact()).isEqualTo(second);
      assertThat(kit.instance("js").status()).contains(new InstanceStatus.Active());
      assertThat(kit.instance("js").effectiveDataVersion()).isEqualTo(Version.parse("2.0.0"));
      assertThat(JSON.readTree(kit.get("js", "count").json()).asLong()).isEqualTo(10);

      kit.freeze("js-two");
      assertThatThrownBy(() -> kit.submit(kit.jsonTx(alice, "js-two", "inc", "{}")))
          .hasMessageContaining("The pool refuses");
      kit.restart();
      kit.execute(kit.jsonTx(kit.keys("bob"), "js", "inc", "{}")).requireOk();
      assertThat(JSON.readTree(kit.get("js", "count").json()).asLong()).isEqualTo(20);
      EndpointResponse frozen = kit.get("js-two", "count");
      assertThat(frozen.json()).isEqualTo("10");
    }
  }

  @Test
  void unusable_artifacts_and_unknown_names_are_refused_at_start() throws Exception {
    Path junk = write("junk.mjs", "export const nothing = 1;\n");
    assertThatThrownBy(() -> TestKit.builder().withArtifact(junk).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not usable");
    assertThatThrownBy(() ->
            TestKit.builder()
                .withArtifact(COUNTER, ProvingCounter.FACTORY)
                .withService("x", "wallet")
                .start())
        .hasMessageContaining("No artifact 'wallet'")
        .hasMessageContaining("1:proving-counter:1.0.0");
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private static String jsCounter(String version, int step, boolean migrates) {
    return "export const artifact = { name: \"counter\", version: \""
        + version
        + "\" };\n"
        + "export const service = {\n"
        + "  transactions: { inc: { id: 0, run(ctx, args) {\n"
        + "    const c = ctx.storage.entry(\"count\"); c.set((c.get() ?? 0) + "
        + step
        + ");\n"
        + "  } } },\n"
        + "  endpoints: { public: { count(ctx) { return ctx.storage.entry(\"count\").get() ?? 0; } } },\n"
        + "};\n"
        + (migrates
            ? "export const migrations = { from: \"1.0.0\", scripts: [{ to: \"2.0.0\", run(ctx) {\n"
                + "  ctx.newData.entry(\"count\").set((ctx.oldData.entry(\"count\").get() ?? 0) * 10);\n"
                + "} }] };\n"
            : "");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
