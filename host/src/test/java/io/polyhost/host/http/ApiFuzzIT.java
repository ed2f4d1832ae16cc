package io.polyhost.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.SignedMessageProto;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated bodies for every POST endpoint, in every content type: the node never answers
 * 5xx, keeps committing afterwards, and commits nothing but the valid transactions the bodies were
 * made from.
 */
class ApiFuzzIT extends ApiFixture {
  private static final int BODIES_PER_ENDPOINT = 1200;
  private static final List<String> TYPES =
      List.of(
          "application/json",
          "application/octet-stream",
          "application/x-protobuf",
          "text/plain",
          "application/json; charset=utf-8",
          "");
  private static final List<String> TOKENS =
      List.of(
          "{",
          "}",
          "[",
          "]",
          ",",
          ":",
          "\"",
          "null",
          "true",
          "1e999",
          "-0",
          "\"tx_body\"",
          "\"tx_bodies\"",
          "\\u0000",
          "\"\\ud800\"",
          "9".repeat(400),
          "[".repeat(3000),
          "{\"a\":",
          "\"zz\"",
          "\"0\"",
          "\u00ff\u00fe");

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void noBodyBreaksTheNode() throws Exception {
    long seed = Long.getLong("polyhost.seed", System.nanoTime());
    System.out.println("seed=" + seed);
    Random random = new Random(seed);
    Set<Hash> valid = new HashSet<>();
    int nonce = 1000;
    for (String endpoint : List.of(TXS, TXS + "/batch")) {
      for (boolean protobuf : List.of(false, true)) {
        SignedTransaction first = transaction(nonce++, 1);
        SignedTransaction second = transaction(nonce++, 1);
        valid.add(first.hash());
        valid.add(second.hash());
        byte[] base = base(endpoint.endsWith("batch"), protobuf, first, second);
        for (int i = 0; i < BODIES_PER_ENDPOINT; i++) {
          byte[] body = i == 0 ? base : mutate(base, random);
          String type =
              random.nextInt(4) == 0
                  ? TYPES.get(random.nextInt(TYPES.size()))
                  : protobuf ? "application/octet-stream" : "application/json";
          int status = post(endpoint, type, body);
          assertThat(status)
              .as("seed=%d endpoint=%s type=%s body=%s", seed, endpoint, type, show(body))
              .isBetween(200, 499);
        }
      }
    }

    SignedTransaction after = transaction(nonce, 1);
    valid.add(after.hash());
    commit(after);
    assertThat(get("/api/system/v1/ready").status()).as("seed=%d", seed).isEqualTo(200);
    long height = node.blockchain().height();
    for (long h = 1; h <= height; h++) {
      long at = h;
      List<Hash> committed = node.blockchain().read(core -> core.blockTransactions(at));
      assertThat(valid)
          .as("seed=%d: block %d holds only valid transactions", seed, h)
          .containsAll(committed);
    }
  }

  private static byte[] base(
      boolean batch, boolean protobuf, SignedTransaction first, SignedTransaction second)
      throws Exception {
    HexFormat hex = HexFormat.of();
    if (!protobuf) {
      String json =
          batch
              ? "{\"tx_bodies\": [\""
                  + hex.formatHex(first.bytes())
                  + "\", \""
                  + hex.formatHex(second.bytes())
                  + "\"]}"
              : "{\"tx_body\": \"" + hex.formatHex(first.bytes()) + "\"}";
      return json.getBytes(StandardCharsets.UTF_8);
    }
    if (!batch) {
      return first.bytes();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SignedMessageProto.parseFrom(first.bytes()).writeDelimitedTo(out);
    SignedMessageProto.parseFrom(second.bytes()).writeDelimitedTo(out);
    return out.toByteArray();
  }

  private static byte[] mutate(byte[] base, Random random) {
    byte[] body = base.clone();
    switch (random.nextInt(7)) {
      case 0 -> {
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
          body[random.nextInt(body.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 1 -> body = java.util.Arrays.copyOf(body, random.nextInt(body.length));
      case 2 -> body = splice(body, randomBytes(random, 1 + random.nextInt(16)), random);
      case 3 -> body = randomBytes(random, random.nextInt(400));
      case 4 -> {
        int from = random.nextInt(body.length);
        int to = from + random.nextInt(body.length - from);
        body = splice(body, java.util.Arrays.copyOfRange(body, from, to), random);
      }
      case 5 -> {
        String token = TOKENS.get(random.nextInt(TOKENS.size()));
        body = splice(body, token.getBytes(StandardCharsets.UTF_8), random);
      }
      default -> {
        StringBuilder json = new StringBuilder();
        for (int n = 1 + random.nextInt(8); n > 0; n--) {
          json.append(TOKENS.get(random.nextInt(TOKENS.size())));
        }
        body = json.toString().getBytes(StandardCharsets.UTF_8);
      }
    }
    return body;
  }

  private static byte[] splice(byte[] body, byte[] inserted, Random random) {
    int at = random.nextInt(body.length + 1);
    byte[] out = new byte[body.length + inserted.length];
    System.arraycopy(body, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(body, at, out, at + inserted.length, body.length - at);
    return out;
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private int post(String path, String type, byte[] body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.publicPort() + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (!type.isEmpty()) {
      request.header("Content-Type", type);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String show(byte[] body) {
    String hex = HexFormat.of().formatHex(body);
    return hex.length() > 400 ? hex.substring(0, 400) + "..." : hex;
  }
}
