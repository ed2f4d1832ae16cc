package io.polyhost.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/explorer/v1/blocks/subscribe}: committed blocks as server-sent events. */
class BlockStreamIT extends ApiFixture {
  private static final String PATH = "/api/explorer/v1/blocks/subscribe";
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  @Timeout(60)
  void newBlocksArriveInOrder() throws Exception {
    try (BufferedReader events = open(PATH, Optional.empty())) {
      commit(transaction(1, 1));
      commit(transaction(2, 1));
      List<JsonNode> blocks = read(events, 2);
      assertThat(blocks.get(0).get("height").asLong()).isEqualTo(1);
      assertThat(blocks.get(1).get("height").asLong()).isEqualTo(2);
      assertThat(blocks.get(1).get("prev_hash").asString())
          .isEqualTo(blocks.get(0).get("hash").asString());
      assertThat(blocks.get(0).get("tx_count").asInt()).isEqualTo(1);
    }
  }

  @Test
  @Timeout(60)
  void aClientCanStartFromAHeightOrResumeAfterAnEventId() throws Exception {
    commit(transaction(3, 1));
    try (BufferedReader events = open(PATH + "?from=0", Optional.empty())) {
      List<JsonNode> blocks = read(events, 2);
      assertThat(blocks.get(0).get("height").asLong()).isZero();
      assertThat(blocks.get(1).get("height").asLong()).isEqualTo(1);
    }
    try (BufferedReader events = open(PATH, Optional.of("0"))) {
      assertThat(read(events, 1).get(0).get("height").asLong()).isEqualTo(1);
    }
  }

  @Test
  void aStartBeyondTheNextBlockIsRefused() {
    var answer = get(PATH + "?from=5");
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().get("detail").asString()).contains("the latest is 0");
  }

  private BufferedReader open(String path, Optional<String> lastEventId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.publicPort() + path));
    lastEventId.ifPresent(id -> request.header("Last-Event-ID", id));
    HttpResponse<InputStream> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
    return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
  }

  /** The data of the next {@code count} block events, checking each event's id and type. */
  private static List<JsonNode> read(BufferedReader events, int count) throws Exception {
    List<JsonNode> blocks = new ArrayList<>();
    String id = null;
    String type = null;
    while (blocks.size() < count) {
      String line = events.readLine();
      assertThat(line).as("the stream ended early").isNotNull();
      if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("event: ")) {
        type = line.substring(7);
      } else if (line.startsWith("data: ")) {
        JsonNode block = MAPPER.readTree(line.substring(6));
        assertThat(type).isEqualTo("block");
        assertThat(id).isEqualTo(String.valueOf(block.get("height").asLong()));
        blocks.add(block);
      }
    }
    return blocks;
  }
}
