package io.polyhost.host.http;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.polyhost.api.blockchain.CallInBlock;
import io.polyhost.api.blockchain.TxLocation;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.host.blockchain.Blockchain;
import io.polyhost.host.pool.TransactionPool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/explorer/v1/transactions} (where a transaction is and how it ended) and {@code
 * GET /api/explorer/v1/call_status/transaction}; submission is in {@link SubmitEndpoint}.
 */
final class TransactionEndpoints {
  private final Blockchain chain;
  private final TransactionPool pool;

  TransactionEndpoints(Blockchain chain, TransactionPool pool) {
    this.chain = chain;
    this.pool = pool;
  }

  void register(HttpRouting.Builder routing) {
    routing.get("/api/explorer/v1/transactions", this::transaction);
    routing.get("/api/explorer/v1/call_status/transaction", this::callStatus);
  }

  private void transaction(ServerRequest req, ServerResponse res) {
    Hash hash = Requests.hash(req, "hash");
    boolean withProof = Requests.flag(req, "with_proof");
    Optional<Map<String, Object>> committed =
        chain.read(core ->
            core.location(hash)
                .map(location -> {
                  SignedTransaction tx = core.transaction(hash).orElseThrow();
                  Map<String, Object> json = new LinkedHashMap<>();
                  json.put("type", "committed");
                  json.put("content", Views.hex(tx.bytes()));
                  json.put("location", Views.location(location));
                  json.put(
                      "status",
                      Views.status(core.callErrors(location.blockHeight()).get(location.call())));
                  json.put(
                      "time", core.block(location.blockHeight()).orElseThrow().time().toString());
                  if (withProof) {
                    json.put(
                        "proof",
                        ProofViews.transaction(
                            core.proofs()
                                .transactionProof(hash)
                                .orElseThrow(() -> uncertified(hash))));
                  }
                  return json;
                }));
    if (committed.isPresent()) {
      Json.send(res, committed.get());
      return;
    }
    SignedTransaction pooled = pool.get(hash).orElseThrow(() -> unknown(hash));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "in-pool");
    json.put("content", Views.hex(pooled.bytes()));
    Json.send(res, json);
  }

  /**
   * The call's status; with {@code with_proof=true}, Exonum's {@code {"status": ..., "proof": ...}}
   * where the proof shows the status against the certified block's error hash.
   */
  private void callStatus(ServerRequest req, ServerResponse res) {
    Hash hash = Requests.hash(req, "hash");
    boolean withProof = Requests.flag(req, "with_proof");
    Optional<Map<String, Object>> status =
        chain.read(core ->
            core.location(hash)
                .map((TxLocation location) -> {
                  CallInBlock call = location.call();
                  Map<String, Object> view =
                      Views.status(core.callErrors(location.blockHeight()).get(call));
                  if (!withProof) {
                    return view;
                  }
                  Map<String, Object> json = new LinkedHashMap<>();
                  json.put("status", view);
                  json.put(
                      "proof",
                      ProofViews.call(
                          core.proofs()
                              .callProof(location.blockHeight(), call)
                              .orElseThrow(() -> uncertified(hash))));
                  return json;
                }));
    if (status.isEmpty()) {
      if (pool.get(hash).isPresent()) {
        throw ApiProblem.notFound(
            "Transaction " + hash + " is in the pool, not yet in a block; ask again shortly");
      }
      throw unknown(hash);
    }
    Json.send(res, status.get());
  }

  private static IllegalStateException uncertified(Hash hash) {
    // Blocks are committed with their certificate in one write, so this is a bug.
    return new IllegalStateException("The block of transaction " + hash + " has no certificate");
  }

  private static ApiProblem unknown(Hash hash) {
    return ApiProblem.notFound(
        "Unknown transaction hash "
            + hash
            + ": it is neither committed nor in the pool; check the hash, or submit the"
            + " transaction again");
  }
}
