package org.example.polyhost.timestamping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.polyhost.api.blockchain.StateProof;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.proto.HashProto;
import io.polyhost.api.proto.StateProofProto;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.storage.Serializers;
import io.polyhost.testkit.TestKit;
import io.polyhost.testkit.TestKitExtension;
import io.polyhost.testkit.TxResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.example.polyhost.timestamping.proto.Timestamp;
import org.example.polyhost.timestamping.proto.TimestampEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The timestamping service as a node runs it: the packaged JAR, deployed in the genesis block. */
class TimestampingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Hash CONTENT = Hash.sha256("my thesis.pdf".getBytes(StandardCharsets.UTF_8));

  @RegisterExtension
  static final TestKitExtension KITS =
      TestKitExtension.of(() ->
          TestKit.builder()
              .withArtifact(TestKit.packagedArtifact())
              .withService("timestamping", "timestamping"));

  @Test
  void content_is_recorded_with_the_time_of_its_block(TestKit kit) throws Exception {
    Instant noon = Instant.parse("2026-03-01T12:00:00Z");
    kit.setNextBlockTime(noon);
    SignedTransaction tx = timestampTx(kit, CONTENT, "thesis, final version");

    kit.execute(tx).requireOk();

    JsonNode answer = read(kit, CONTENT);
    assertThat(answer.get("hash").asString()).isEqualTo(CONTENT.toHex());
    assertThat(answer.get("entry").get("metadata").asString()).isEqualTo("thesis, final version");
    assertThat(answer.get("entry").get("time").asString()).isEqualTo("2026-03-01T12:00:00Z");
    assertThat(answer.get("entry").get("tx_hash").asString()).isEqualTo(tx.hash().toHex());
    TimestampEntry proven = proven(kit, answer, CONTENT).orElseThrow();
    assertThat(proven.getTime().getSeconds()).isEqualTo(noon.getEpochSecond());
    assertThat(proven.getTimestamp().getMetadata()).isEqualTo("thesis, final version");
  }

  @Test
  void the_first_timestamp_stands_and_later_ones_are_refused(TestKit kit) throws Exception {
    kit.execute(timestampTx(kit, CONTENT, "first")).requireOk();
    Instant first = kit.lastBlock().time();
    kit.advanceTime(Duration.ofDays(30));

    TxResult again = kit.execute(timestampTx(kit, CONTENT, "second"));

    assertFails(again, TimestampingError.ALREADY_TIMESTAMPED, "timestamped already, at " + first);
    JsonNode answer = read(kit, CONTENT);
    assertThat(answer.get("entry").get("metadata").asString()).isEqualTo("first");
    assertThat(answer.get("entry").get("time").asString()).isEqualTo(first.toString());
  }

  @Test
  void arguments_are_checked(TestKit kit) throws Exception {
    Timestamp noHash = Timestamp.newBuilder().setMetadata("no hash").build();
    Timestamp shortHash =
        Timestamp.newBuilder()
            .setContentHash(HashProto.newBuilder().setData(ByteString.copyFrom(new byte[16])))
            .build();

    assertFails(execute(kit, noHash), TimestampingError.INVALID_HASH, "32 bytes");
    assertFails(execute(kit, shortHash), TimestampingError.INVALID_HASH, "32 bytes");
    assertFails(
        kit.execute(timestampTx(kit, CONTENT, "x".repeat(257))),
        TimestampingError.METADATA_TOO_LONG,
        "this has 257");
    kit.execute(timestampTx(kit, CONTENT, "é".repeat(256))).requireOk();
  }

  @Test
  void an_unknown_hash_is_proven_absent(TestKit kit) throws Exception {
    kit.execute(timestampTx(kit, CONTENT, "")).requireOk();
    Hash other = Hash.sha256(new byte[] {1});

    JsonNode answer = read(kit, other);

    assertThat(answer.get("entry").isNull()).isTrue();
    assertThat(proven(kit, answer, other)).isEmpty();
  }

  @Test
  void a_proof_with_a_backdated_time_does_not_verify(TestKit kit) throws Exception {
    kit.execute(timestampTx(kit, CONTENT, "")).requireOk();
    StateProofProto honest =
        StateProof.fromHex(read(kit, CONTENT).get("proof").asString()).toProto();
    TimestampEntry entry = TimestampEntry.parseFrom(honest.getMapProof().getEntries(0).getValue());
    TimestampEntry backdated =
        entry.toBuilder().setTime(entry.getTime().toBuilder().setSeconds(0)).build();

    StateProofProto.Builder forged = honest.toBuilder();
    forged.getMapProofBuilder().getEntriesBuilder(0).setValue(backdated.toByteString());
    StateProof lie = StateProof.fromProto(forged.build());

    assertThatThrownBy(() -> lie.verifyMap(kit.validatorKeys()))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("timestamping.timestamps");
  }

  @Test
  void bad_read_requests_get_400(TestKit kit) throws Exception {
    EndpointResponse missing = kit.get("timestamping", "timestamp");
    EndpointResponse malformed = kit.get("timestamping", "timestamp?hash=zz");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(JSON.readTree(missing.json()).get("error").asString()).contains("timestamp?hash=");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.json()).get("error").asString()).contains("64 hex digits");
  }

  private static SignedTransaction timestampTx(TestKit kit, Hash content, String metadata) {
    Timestamp args =
        Timestamp.newBuilder().setContentHash(content.toProto()).setMetadata(metadata).build();
    return kit.tx(kit.keys("alice"), "timestamping", "timestamp", args);
  }

  private static TxResult execute(TestKit kit, Timestamp args) {
    return kit.execute(kit.tx(kit.keys("alice"), "timestamping", "timestamp", args));
  }

  private static JsonNode read(TestKit kit, Hash content) throws Exception {
    EndpointResponse response = kit.get("timestamping", "timestamp?hash=" + content.toHex());
    assertThat(response.status()).as(response.json()).isEqualTo(200);
    return JSON.readTree(response.json());
  }

  private static Optional<TimestampEntry> proven(TestKit kit, JsonNode answer, Hash content) {
    return StateProof.fromHex(answer.get("proof").asString())
        .verifyMap(kit.validatorKeys())
        .value(content, Serializers.hash(), TimestampingSchema.ENTRIES);
  }

  private static void assertFails(TxResult result, ErrorCode code, String explanation) {
    ExecutionError error = result.requireError();
    assertThat(error.is(code)).as("%s is %s", error, code).isTrue();
    assertThat(error.description()).contains(explanation);
  }
}
