package io.polyhost.host.http;

import com.google.protobuf.CodedInputStream;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Signed transactions out of request bodies, in either encoding: JSON with hex ({@code {"tx_body":
 * "<hex>"}}, or {@code {"tx_bodies": ["<hex>", ...]}} for a batch) or protobuf ({@code
 * application/octet-stream}: the serialized {@code SignedMessageProto}, or for a batch a sequence
 * of them each preceded by its length as a varint, as protobuf's {@code writeDelimitedTo} writes).
 * Only the framing is checked here; the pool decodes and checks the messages.
 */
final class TxBodies {
  private TxBodies() {}

  /** The one message in the body of {@code req}, at most {@code limit} bytes of body. */
  static byte[] single(ServerRequest req, int limit) {
    Requests.Encoding encoding = Requests.encoding(req);
    byte[] body = Requests.body(req, limit);
    if (encoding == Requests.Encoding.PROTOBUF) {
      return body;
    }
    JsonNode json = Json.parse(body);
    JsonNode txBody = json.get("tx_body");
    if (!json.isObject() || txBody == null || !txBody.isString()) {
      throw ApiProblem.badRequest(
          "The body must be a JSON object with a string member 'tx_body': the hex of the signed"
              + " message, e.g. {\"tx_body\": \"0a2f...\"}");
    }
    return hex(txBody.asString(), "'tx_body'");
  }

  /** The messages of a batch: at most {@code maxCount} of them in at most {@code limit} bytes. */
  static List<byte[]> batch(ServerRequest req, int limit, int maxCount) {
    Requests.Encoding encoding = Requests.encoding(req);
    byte[] body = Requests.body(req, limit);
    List<byte[]> messages =
        encoding == Requests.Encoding.PROTOBUF ? delimited(body, maxCount) : jsonBatch(body);
    if (messages.isEmpty() || messages.size() > maxCount) {
      throw ApiProblem.badRequest(
          "A batch holds 1 to " + maxCount + " transactions, got " + messages.size());
    }
    return messages;
  }

  private static List<byte[]> jsonBatch(byte[] body) {
    JsonNode json = Json.parse(body);
    JsonNode bodies = json.get("tx_bodies");
    if (!json.isObject() || bodies == null || !bodies.isArray()) {
      throw ApiProblem.badRequest(
          "The body must be a JSON object with an array member 'tx_bodies' of hex strings, e.g."
              + " {\"tx_bodies\": [\"0a2f...\", \"0a30...\"]}");
    }
    List<byte[]> messages = new ArrayList<>();
    for (int i = 0; i < bodies.size(); i++) {
      JsonNode item = bodies.get(i);
      String where = "'tx_bodies'[" + i + "]";
      if (!item.isString()) {
        throw ApiProblem.badRequest(where + " is not a string; give the hex of a signed message");
      }
      messages.add(hex(item.asString(), where));
    }
    return messages;
  }

  private static List<byte[]> delimited(byte[] body, int maxCount) {
    CodedInputStream in = CodedInputStream.newInstance(body);
    List<byte[]> messages = new ArrayList<>();
    try {
      while (!in.isAtEnd()) {
        if (messages.size() == maxCount) {
          throw ApiProblem.badRequest("A batch holds at most " + maxCount + " transactions");
        }
        int length = in.readRawVarint32();
        if (length < 0 || length > body.length) {
          throw ApiProblem.badRequest(
              "Message "
                  + messages.size()
                  + " of the batch declares an impossible length "
                  + length);
        }
        messages.add(in.readRawBytes(length));
      }
    } catch (IOException e) {
      throw ApiProblem.badRequest(
          "The protobuf batch is cut short or malformed after "
              + messages.size()
              + " messages ("
              + e.getMessage()
              + "); send each SignedMessageProto preceded by its length as a varint");
    }
    return messages;
  }

  private static byte[] hex(String text, String where) {
    try {
      return HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(
          where + " is not hex (" + e.getMessage() + "); encode the signed message as hex digits");
    }
  }
}
