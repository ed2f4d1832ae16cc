package io.polyhost.host.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.polyhost.api.message.SignedTransaction;
import io.polyhost.host.http.HttpClientSupport.Answer;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The explorer and system endpoints over real HTTP against a real node with the test runtime. */
class ExplorerApiIT extends ApiFixture {
  @Test
  void aSubmittedTransactionIsCommittedAndReadable() {
    SignedTransaction tx = transaction(1, 1);
    Answer submitted = submit(tx);
    assertThat(submitted.status()).as(submitted.json().toString()).isEqualTo(200);
    assertThat(submitted.json().get("tx_hash").asString()).isEqualTo(tx.hash().toHex());

    String query = TXS + "?hash=" + tx.hash().toHex();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> http.get(query).json().get("type").asString(), "committed"::equals);
    JsonNode info = http.get(query).json();
    assertThat(info.get("content").asString()).isEqualTo(HexFormat.of().formatHex(tx.bytes()));
    assertThat(info.get("status").get("type").asString()).isEqualTo("success");
    long height = info.get("location").get("block_height").asLong();
    assertThat(height).isPositive();
    assertThat(info.get("location").get("position_in_block").asInt()).isZero();

    JsonNode block = http.get("/api/explorer/v1/block?height=" + height).json();
    assertThat(block.get("height").asLong()).isEqualTo(height);
    assertThat(block.get("tx_count").asInt()).isEqualTo(1);
    assertThat(block.get("txs").get(0).asString()).isEqualTo(tx.hash().toHex());
    assertThat(block.get("precommits")).hasSize(1);

    JsonNode blocks = http.get("/api/explorer/v1/blocks?count=10").json();
    assertThat(blocks.get("blocks").get(0).get("height").asLong()).isEqualTo(height);
    assertThat(blocks.get("range").get("start").asLong()).isZero();
    assertThat(blocks.get("range").get("end").asLong()).isEqualTo(height + 1);
    assertThat(blocks.get("blocks")).hasSize((int) height + 1);

    JsonNode status =
        http.get("/api/explorer/v1/call_status/transaction?hash=" + tx.hash().toHex()).json();
    assertThat(status.get("type").asString()).isEqualTo("success");

    Answer again = submit(tx);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("tx_hash").asString()).isEqualTo(tx.hash().toHex());
    assertThat(again.json().get("detail").asString()).contains("already");
  }

  @Test
  void aFailedCallReportsItsError() {
    // Method 2 of the counter fails with service error 3 after writing.
    SignedTransaction tx = transaction(2, 2);
    assertThat(submit(tx).status()).isEqualTo(200);
    String query = "/api/explorer/v1/call_status/transaction?hash=" + tx.hash().toHex();
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get(query).status() == 200);
    JsonNode status = http.get(query).json();
    assertThat(status.get("type").asString()).as(status.toString()).isEqualTo("service_error");
    assertThat(status.get("code").asInt()).isEqualTo(3);
    assertThat(status.get("description").asString()).isEqualTo("Refused after writing");
  }

  @Test
  void systemEndpointsDescribeTheNode() {
    JsonNode info = admin.get("/api/system/v1/info").json();
    assertThat(info.get("height").asLong()).isZero();
    assertThat(info.get("pool_size").asInt()).isZero();
    assertThat(info.get("runtimes").get(0).get("name").asString()).isEqualTo("test");
    assertThat(info.get("version").asString()).isNotEmpty();
    assertThat(admin.get("/api/system/v1/stats").json().get("tx_pool_size").asInt()).isZero();
    assertThat(http.get("/api/system/v1/health").status()).isEqualTo(200);
    assertThat(http.get("/api/system/v1/ready").json().get("status").asString()).isEqualTo("ready");
    Answer hidden = http.get("/api/system/v1/info");
    assertThat(hidden.status()).as("info is private").isEqualTo(404);
  }
}
