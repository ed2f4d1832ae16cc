package io.polyhost.host.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.polyhost.api.message.SignedTransaction;
import io.polyhost.host.http.HttpClientSupport.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Submission in both encodings, one at a time and in batches, and the size limits. */
class SubmissionIT extends ApiFixture {
  private static final String BATCH = TXS + "/batch";
  private static final String PROTOBUF = "application/octet-stream";

  @Test
  void aProtobufBodyIsTheSignedMessageItself() {
    SignedTransaction tx = transaction(1, 1);
    Answer answer = http.postBytes(TXS, PROTOBUF, tx.bytes());
    assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
    assertThat(answer.json().get("tx_hash").asString()).isEqualTo(tx.hash().toHex());
    assertThat(http.postBytes(TXS, PROTOBUF, new byte[] {1, 2, 3}).json().get("reason").asString())
        .isEqualTo("malformed");
  }

  @Test
  void aJsonBatchAnswersEveryTransactionInOrder() {
    List<SignedTransaction> txs = List.of(transaction(2, 1), transaction(3, 1), transaction(4, 1));
    commit(txs.get(1));
    String body =
        "{\"tx_bodies\": ["
            + String.join(", ", txs.stream().map(tx -> "\"" + hex(tx.bytes()) + "\"").toList())
            + ", \"0a0b\"]}";
    Answer answer = postJson(BATCH, body);
    assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
    JsonNode results = answer.json().get("results");
    assertThat(results).hasSize(4);
    assertThat(results.get(0).get("tx_hash").asString()).isEqualTo(txs.get(0).hash().toHex());
    assertThat(results.get(0).get("accepted").asBoolean()).isTrue();
    assertThat(results.get(1).get("accepted").asBoolean()).isFalse();
    assertThat(results.get(1).get("status").asInt()).isEqualTo(409);
    assertThat(results.get(2).get("accepted").asBoolean()).isTrue();
    assertThat(results.get(3).get("reason").asString()).isEqualTo("malformed");
    assertThat(answer.json().get("accepted").asInt()).isEqualTo(2);
    assertThat(answer.json().get("rejected").asInt()).isEqualTo(2);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> node.blockchain().read(core -> core.location(txs.get(2).hash()).isPresent()));
  }

  @Test
  void aProtobufBatchIsLengthDelimited() throws IOException {
    List<SignedTransaction> txs = new ArrayList<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; i < 50; i++) {
      SignedTransaction tx = transaction(100 + i, 1);
      txs.add(tx);
      io.polyhost.api.proto.SignedMessageProto.parseFrom(tx.bytes()).writeDelimitedTo(body);
    }
    Answer answer = http.postBytes(BATCH, PROTOBUF, body.toByteArray());
    assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
    assertThat(answer.json().get("accepted").asInt()).isEqualTo(50);
    for (int i = 0; i < 50; i++) {
      assertThat(answer.json().get("results").get(i).get("tx_hash").asString())
          .isEqualTo(txs.get(i).hash().toHex());
    }
    byte[] cut = java.util.Arrays.copyOf(body.toByteArray(), body.size() - 3);
    Answer broken = http.postBytes(BATCH, PROTOBUF, cut);
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().get("detail").asString()).contains("cut short or malformed");
  }

  @Test
  void batchesHaveLimits() {
    assertThat(postJson(BATCH, "{\"tx_bodies\": []}").json().get("detail").asString())
        .contains("1 to 1000");
    String tooMany =
        "{\"tx_bodies\": ["
            + String.join(",", java.util.Collections.nCopies(1001, "\"00\""))
            + "]}";
    assertThat(postJson(BATCH, tooMany).status()).isEqualTo(400);
    String huge = "{\"tx_bodies\": [\"" + "00".repeat(5 << 20) + "\"]}";
    Answer answer = postJson(BATCH, huge);
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(postJson(BATCH, "{\"tx_bodies\": [12]}").json().get("detail").asString())
        .contains("'tx_bodies'[0] is not a string");
  }

  @Test
  void anUnknownContentTypeIs415() {
    Answer answer = http.post(TXS, "text/plain", "hello");
    assertThat(answer.status()).isEqualTo(415);
    assertThat(answer.json().get("detail").asString()).contains("application/octet-stream");
  }

  @Test
  void aTooLargeProtobufBodyIs413() {
    Answer answer = http.postBytes(TXS, PROTOBUF, new byte[(2 << 20) + 2048]);
    assertThat(answer.status()).isEqualTo(413);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
