package io.polyhost.host.http;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.polyhost.host.pool.Admission;
import io.polyhost.host.pool.TransactionPool;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/explorer/v1/transactions} with {@code {"tx_body": "<hex>"}}: hands the signed
 * message to the pool and answers {@code {"tx_hash": "<hex>"}} once it is admitted.
 */
final class SubmitEndpoint {
  private final TransactionPool pool;
  private final int bodyLimit;

  /**
   * @param maxMessageBytes the consensus limit on a signed message; the body may hold its hex form
   *     and a little JSON around it
   */
  SubmitEndpoint(TransactionPool pool, int maxMessageBytes) {
    this.pool = pool;
    this.bodyLimit = maxMessageBytes * 2 + 1024;
  }

  /** The most bytes a body may have. */
  int bodyLimit() {
    return bodyLimit;
  }

  void register(HttpRouting.Builder routing) {
    routing.post("/api/explorer/v1/transactions", this::submit);
  }

  private void submit(ServerRequest req, ServerResponse res) {
    if (!Requests.isJson(req)) {
      throw ApiProblem.badRequest(
          "Send the transaction as JSON (Content-Type: application/json): {\"tx_body\": \"<hex>\"}");
    }
    JsonNode body = Json.parse(Requests.body(req, bodyLimit));
    JsonNode txBody = body.get("tx_body");
    if (!body.isObject() || txBody == null || !txBody.isString()) {
      throw ApiProblem.badRequest(
          "The body must be a JSON object with a string member 'tx_body': the hex of the signed"
              + " message, e.g. {\"tx_body\": \"0a2f...\"}");
    }
    byte[] message;
    try {
      message = HexFormat.of().parseHex(txBody.asString());
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(
          "'tx_body' is not hex (" + e.getMessage() + "); encode the signed message as hex digits");
    }
    switch (pool.submitAndWait(message)) {
      case Admission.Accepted accepted -> {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tx_hash", accepted.hash().toHex());
        Json.send(res, json);
      }
      case Admission.Rejected rejected -> throw Rejections.problem(rejected);
    }
  }
}
