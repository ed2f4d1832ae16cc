package io.polyhost.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.host.http.HttpClientSupport.Answer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Bad input gets the right status and a problem document that says what to fix. */
class BadRequestIT extends ApiFixture {
  private static final String PROBLEM = "application/problem+json";

  @Test
  void malformedHexIsRefused() {
    Answer answer = postJson(TXS, "{\"tx_body\": \"zz-not-hex\"}");
    assertProblem(answer, 400, "not hex");
  }

  @Test
  void wrongJsonIsRefused() {
    assertProblem(postJson(TXS, "{\"tx_body\": "), 400, "not valid JSON");
    assertProblem(postJson(TXS, "{\"body\": \"00\"}"), 400, "'tx_body'");
    assertProblem(postJson(TXS, "[1, 2]"), 400, "'tx_body'");
    assertProblem(postJson(TXS, "{\"tx_body\": 12}"), 400, "'tx_body'");
  }

  @Test
  void bytesThatAreNoSignedMessageAreRefused() {
    Answer answer = postJson(TXS, "{\"tx_body\": \"0a0b0c\"}");
    assertProblem(answer, 400, "");
    assertThat(answer.json().get("reason").asString()).isEqualTo("malformed");
  }

  @Test
  void aTamperedSignatureIsRefused() {
    byte[] bytes = transaction(5, 1).bytes();
    bytes[bytes.length - 1] ^= 1;
    Answer answer = postJson(TXS, "{\"tx_body\": \"" + HexFormat.of().formatHex(bytes) + "\"}");
    assertProblem(answer, 400, "");
    assertThat(answer.json().get("reason").asString()).isIn("bad_signature", "malformed");
  }

  @Test
  void aTooLargeBodyIsRefused() {
    String huge = "{\"tx_body\": \"" + "00".repeat(1 << 20) + "00\"}";
    assertProblem(postJson(TXS, huge), 413, "longer than");
  }

  @Test
  void anUnknownHashIsNotFound() {
    String hash = Hash.sha256(new byte[] {1}).toHex();
    assertProblem(get(TXS + "?hash=" + hash), 404, "Unknown transaction hash");
    assertProblem(
        get("/api/explorer/v1/call_status/transaction?hash=" + hash), 404, "Unknown transaction");
  }

  @Test
  void aBadHashIsRefused() {
    assertProblem(get(TXS + "?hash=abc"), 400, "'hash' is not a hash");
    assertProblem(get(TXS), 400, "'hash' is missing");
  }

  @Test
  void badHeightsAreRefused() {
    assertProblem(get("/api/explorer/v1/block?height=7"), 404, "above the blockchain's height 0");
    assertProblem(get("/api/explorer/v1/block?height=-1"), 400, "from 0 up");
    assertProblem(get("/api/explorer/v1/block?height=x"), 400, "from 0 up");
    assertProblem(get("/api/explorer/v1/block"), 400, "'height' is missing");
    assertProblem(get("/api/explorer/v1/blocks?count=0"), 400, "count must be from 1");
    assertProblem(get("/api/explorer/v1/blocks?count=1001"), 400, "count must be from 1");
    assertProblem(get("/api/explorer/v1/blocks?count=1&latest=9"), 404, "latest 9");
  }

  @Test
  void anUnknownPathIsNotFound() {
    assertProblem(get("/api/explorer/v2/nothing"), 404, "No endpoint GET /api/explorer/v2");
  }

  private static void assertProblem(Answer answer, int status, String detail) {
    assertThat(answer.status()).as(answer.json().toString()).isEqualTo(status);
    assertThat(answer.contentType()).isEqualTo(PROBLEM);
    assertThat(answer.json().get("status").asInt()).isEqualTo(status);
    assertThat(answer.json().get("title").asString()).isNotEmpty();
    assertThat(answer.json().get("type").asString()).isEqualTo("about:blank");
    assertThat(answer.json().get("detail").asString()).contains(detail);
  }
}
