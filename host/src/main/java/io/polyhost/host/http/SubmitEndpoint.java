package io.polyhost.host.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.polyhost.host.pool.Admission;
import io.polyhost.host.pool.TransactionPool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/explorer/v1/transactions} hands one signed message to the pool and answers
 * {@code {"tx_hash": "<hex>"}} once it is admitted; {@code POST
 * /api/explorer/v1/transactions/batch} hands over several, verified in parallel, and answers one
 * outcome per message in order. Bodies are JSON or protobuf (see {@link TxBodies}).
 */
final class SubmitEndpoint {
  static final String PATH = "/api/explorer/v1/transactions";
  static final String BATCH_PATH = PATH + "/batch";

  private final TransactionPool pool;
  private final int bodyLimit;
  private final ApiLimits limits;

  /**
   * @param maxMessageBytes the consensus limit on a signed message; the body may hold its hex form
   *     and a little JSON around it
   */
  SubmitEndpoint(TransactionPool pool, int maxMessageBytes, ApiLimits limits) {
    this.pool = pool;
    this.bodyLimit = maxMessageBytes * 2 + 1024;
    this.limits = limits;
  }

  /** The most bytes a body may have, on either endpoint. */
  long largestBody() {
    return Math.max(bodyLimit, limits.maxBatchBytes());
  }

  void register(HttpRouting.Builder routing) {
    routing.post(PATH, this::submit);
    routing.post(BATCH_PATH, this::submitBatch);
  }

  private void submit(ServerRequest req, ServerResponse res) {
    switch (pool.submitAndWait(TxBodies.single(req, bodyLimit))) {
      case Admission.Accepted accepted -> {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tx_hash", accepted.hash().toHex());
        Json.send(res, json);
      }
      case Admission.Rejected rejected -> throw Rejections.problem(rejected);
    }
  }

  private void submitBatch(ServerRequest req, ServerResponse res) {
    List<byte[]> messages =
        TxBodies.batch(req, limits.maxBatchBytes(), limits.maxBatchTransactions());
    List<Admission> outcomes = pool.submitAll(messages).toCompletableFuture().join();
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(BatchAnswer.of(outcomes));
  }
}
