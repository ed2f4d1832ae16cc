package io.polyhost.examples.js;

import static io.polyhost.examples.js.Examples.ok;
import static io.polyhost.examples.js.Examples.requireProven;
import static io.polyhost.examples.js.Examples.requireServiceError;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.testkit.TestKit;
import io.polyhost.testkit.TestKitExtension;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** timestamping-1.0.0.mjs: content hashes recorded at the block time, read with a proof. */
class TimestampingTest {
  private static final String CONTRACT = sha256("the signed contract");

  @RegisterExtension
  static final TestKitExtension KITS =
      TestKitExtension.of(() ->
          TestKit.builder()
              .withArtifact(Examples.artifact("timestamping-1.0.0.mjs"))
              .withService("timestamping", "2:timestamping:1.0.0"));

  @Test
  void aHashIsRecordedAtTheBlockTimeAndReadWithAProof(TestKit kit) {
    KeyPair alice = kit.keys("alice");
    Instant blockTime = Instant.parse("2026-03-14T15:09:26.535Z");
    kit.setNextBlockTime(blockTime);

    stamp(kit, alice, "{\"hash\": \"" + CONTRACT + "\", \"note\": \"contract v3\"}");
    JsonNode answer = timestamp(kit, CONTRACT);

    assertThat(answer.get("timestamp"))
        .isEqualTo(
            Examples.parse(
                "{\"note\":\"contract v3\",\"time\":"
                    + blockTime.toEpochMilli()
                    + ",\"caller\":\""
                    + new Caller.Transaction(alice.publicKey()).address().toHex()
                    + "\"}"));
    requireProven(kit, answer, "timestamping.timestamps", CONTRACT, "timestamp");
  }

  @Test
  void anUnknownHashIsProvenAbsent(TestKit kit) {
    String unknown = sha256("never stamped");

    JsonNode answer = timestamp(kit, unknown);

    assertThat(answer.get("timestamp").isNull()).isTrue();
    requireProven(kit, answer, "timestamping.timestamps", unknown, "timestamp");
  }

  @Test
  void aDuplicateIsRefusedAndTheFirstTimeStands(TestKit kit) {
    kit.setNextBlockTime(Instant.parse("2026-05-01T12:00:00Z"));
    stamp(kit, kit.keys("alice"), "{\"hash\": \"" + CONTRACT + "\"}");
    kit.advanceTime(java.time.Duration.ofDays(30));

    ExecutionError error =
        fail(kit, kit.keys("bob"), "{\"hash\": \"" + CONTRACT + "\", \"note\": \"mine!\"}");

    requireServiceError(
        error, 1, "Content " + CONTRACT + " was timestamped already, at 2026-05-01T12:00:00.000Z");
    JsonNode first = timestamp(kit, CONTRACT).get("timestamp");
    assertThat(first.get("time").asLong())
        .isEqualTo(Instant.parse("2026-05-01T12:00:00Z").toEpochMilli());
    assertThat(first.get("note").asString()).isEmpty();
  }

  @Test
  void malformedArgumentsAreRefused(TestKit kit) {
    KeyPair alice = kit.keys("alice");
    requireServiceError(
        fail(kit, alice, "{\"hash\": \"" + CONTRACT.toUpperCase(java.util.Locale.ROOT) + "\"}"),
        2,
        "hash must be a SHA-256 as 64 lowercase hex digits, got \""
            + CONTRACT.toUpperCase(java.util.Locale.ROOT)
            + "\"");
    requireServiceError(
        fail(kit, alice, "{}"), 2, "hash must be a SHA-256 as 64 lowercase hex digits, got null");
    requireServiceError(
        fail(kit, alice, "null"), 2, "Arguments must be a JSON object { hash, note? }");
    requireServiceError(
        fail(kit, alice, "{\"hash\": \"" + CONTRACT + "\", \"note\": \"" + "x".repeat(257) + "\"}"),
        2,
        "note must be a string of at most 256 characters");

    EndpointResponse bad = kit.get("timestamping", "timestamp?hash=abc");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(Examples.parse(bad.json()).get("code").asInt()).isEqualTo(2);
  }

  private static void stamp(TestKit kit, KeyPair author, String json) {
    kit.execute(kit.jsonTx(author, "timestamping", "timestamp", json)).requireOk();
  }

  private static ExecutionError fail(TestKit kit, KeyPair author, String json) {
    return kit.execute(kit.jsonTx(author, "timestamping", "timestamp", json)).requireError();
  }

  private static JsonNode timestamp(TestKit kit, String hash) {
    return ok(kit.get("timestamping", "timestamp?hash=" + hash));
  }

  static String sha256(String content) {
    return Hash.sha256(content.getBytes(StandardCharsets.UTF_8)).toHex();
  }
}
