package io.polyhost.client;

import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.CallProof;
import io.polyhost.api.blockchain.TransactionProof;
import io.polyhost.api.blockchain.TxLocation;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proof.ProofVerificationException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The public API of one node, as a light client uses it: learn a service's interface, submit signed
 * transactions, wait for their block and check how they ended with proofs, read service endpoints.
 *
 * <p>The client trusts nothing the node says about outcomes unless it is proven against validator
 * keys the caller holds; {@link #validatorKeys()} reads them from the node itself, which is only as
 * good as trusting that node once (pin them for anything that matters).
 */
public final class NodeClient {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
  private static final Pattern ENDPOINT =
      Pattern.compile("[A-Za-z0-9._~\\-]+(/[A-Za-z0-9._~\\-]+)*");
  private static final Duration POLL = Duration.ofMillis(50);
  private static final HexFormat HEX = HexFormat.of();

  private final NodeHttp http;

  private NodeClient(NodeHttp http) {
    this.http = http;
  }

  /**
   * A client of the node whose public API is at {@code publicApi}, e.g. {@code
   * http://127.0.0.1:8200}, with answers expected within 30 seconds.
   *
   * @throws IllegalArgumentException if {@code publicApi} is not an http(s) URL
   */
  public static NodeClient connect(URI publicApi) {
    return new NodeClient(NodeHttp.of(publicApi, Duration.ofSeconds(30)));
  }

  /** The transport, for endpoints this class does not wrap. */
  public NodeHttp http() {
    return http;
  }

  /**
   * The validators' consensus keys, in validator order, from the supervisor's {@code
   * consensus-config}.
   *
   * @throws MalformedAnswerException if the configuration lists no validators or a bad key
   */
  public List<PublicKey> validatorKeys() {
    JsonNode config = http.get("/api/services/supervisor/consensus-config");
    JsonNode validators = config.get("validator_keys");
    if (validators == null || !validators.isArray() || validators.isEmpty()) {
      throw Answers.missing(config, "validator_keys", "a non-empty array", "consensus config");
    }
    List<PublicKey> keys = new ArrayList<>();
    for (JsonNode v : validators) {
      String hex = Answers.text(v, "consensus_key", "validator entry");
      try {
        keys.add(PublicKey.fromHex(hex));
      } catch (IllegalArgumentException e) {
        throw new MalformedAnswerException("A validator's consensus key is malformed: " + hex, e);
      }
    }
    return List.copyOf(keys);
  }

  /**
   * The numeric id of the service named {@code service}.
   *
   * @throws IllegalArgumentException if no service has that name (listing those there are)
   */
  public int instanceId(String service) {
    checkName(service);
    JsonNode answer = http.get("/api/services/supervisor/services");
    JsonNode services = answer.get("services");
    if (services == null || !services.isArray()) {
      throw Answers.missing(answer, "services", "an array", "service list");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode s : services) {
      JsonNode spec = Answers.object(s, "spec", "service entry");
      String name = Answers.text(spec, "name", "service spec");
      if (name.equals(service)) {
        return Math.toIntExact(Answers.number(spec, "id", "service spec"));
      }
      names.add(name);
    }
    throw new IllegalArgumentException(
        "No service named '" + service + "' on the node; its services: " + names);
  }

  /** The transactions {@code service} publishes, with their argument types. */
  public PublishedInterface serviceInterface(String service) {
    checkName(service);
    return PublishedInterface.fromJson(
        service, http.get("/api/services/" + service + "/interface"));
  }

  /**
   * Hands {@code tx} to the node's pool.
   *
   * @return the transaction's hash, as the node acknowledged it
   * @throws NodeProblemException if the node refuses it (bad signature, unknown or inactive
   *     service, pool full...)
   * @throws MalformedAnswerException if the node acknowledges another hash
   */
  public Hash submit(SignedTransaction tx) {
    var body = NodeHttp.JSON.createObjectNode().put("tx_body", HEX.formatHex(tx.bytes()));
    JsonNode answer = http.post("/api/explorer/v1/transactions", body);
    String hash = Answers.text(answer, "tx_hash", "submission answer");
    if (!hash.equals(tx.hash().toHex())) {
      throw new MalformedAnswerException(
          "The node acknowledged transaction " + hash + ", but " + tx.hash() + " was sent");
    }
    return tx.hash();
  }

  /**
   * Waits until {@code txHash} is in a committed block.
   *
   * @param progress hears a line now and then while the transaction waits in the pool
   * @return where it is
   * @throws TimeoutException if it is not committed within {@code timeout}
   * @throws NodeProblemException if the node knows no such transaction (never submitted, or dropped
   *     from the pool)
   */
  public TxLocation awaitCommitted(Hash txHash, Duration timeout, Consumer<String> progress)
      throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextReport = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (true) {
      JsonNode answer =
          http.get("/api/explorer/v1/transactions", Map.of("hash", List.of(txHash.toHex())));
      String type = Answers.text(answer, "type", "transaction");
      if (type.equals("committed")) {
        JsonNode location = Answers.object(answer, "location", "transaction");
        return new TxLocation(
            Answers.number(location, "block_height", "location"),
            Math.toIntExact(Answers.number(location, "position_in_block", "location")));
      }
      if (!type.equals("in-pool")) {
        throw new MalformedAnswerException(
            "Transaction " + txHash + " is of unknown type '" + type + "'");
      }
      long now = System.nanoTime();
      if (now > deadline) {
        throw new TimeoutException(
            "Transaction " + txHash + " is still in the pool after " + timeout.toSeconds() + " s");
      }
      if (now > nextReport) {
        progress.accept("waiting for transaction " + txHash + " to be committed...");
        nextReport = now + Duration.ofSeconds(5).toNanos();
      }
      sleep();
    }
  }

  /**
   * How the committed transaction {@code txHash} ended, checked with the node's transaction and
   * call proofs against {@code validatorKeys}.
   *
   * @throws ProofVerificationException if a proof does not verify, or the node's unproven status
   *     disagrees with what is proven
   * @throws NodeProblemException if the transaction is not committed
   */
  public TransactionOutcome provenOutcome(Hash txHash, List<PublicKey> validatorKeys) {
    Map<String, List<String>> query =
        Map.of("hash", List.of(txHash.toHex()), "with_proof", List.of("true"));
    JsonNode tx = http.get("/api/explorer/v1/transactions", query);
    if (!"committed".equals(Answers.text(tx, "type", "transaction"))) {
      throw new MalformedAnswerException(
          "Transaction " + txHash + " is not committed yet; await it first");
    }
    byte[] content = Answers.hex(tx, "content", "transaction");
    if (!Hash.sha256(content).equals(txHash)) {
      throw new ProofVerificationException(
          "The node's transaction content does not hash to " + txHash);
    }
    JsonNode txProof = Answers.object(tx, "proof", "transaction");
    TxLocation location =
        new TransactionProof(
                ProofJson.blockProof(Answers.object(txProof, "block_proof", "transaction proof")),
                ProofJson.listProof(txProof, "tx_proof", "transaction proof"))
            .verify(validatorKeys, txHash);

    JsonNode call = http.get("/api/explorer/v1/call_status/transaction", query);
    JsonNode callProof = Answers.object(call, "proof", "call status");
    var blockProof = ProofJson.blockProof(Answers.object(callProof, "block_proof", "call proof"));
    Block block = blockProof.block();
    if (block.height() != location.blockHeight()) {
      throw new ProofVerificationException(
          "The call proof is about block "
              + block.height()
              + ", but the transaction is in block "
              + location.blockHeight());
    }
    Optional<ExecutionError> error =
        new CallProof(
                blockProof,
                ProofJson.mapProof(callProof, "error_proof", "call proof"),
                Answers.optionalText(callProof, "error_description", "call proof"))
            .verify(validatorKeys, location.call());
    String claimed = Answers.text(Answers.object(call, "status", "call status"), "type", "status");
    if (claimed.equals("success") != error.isEmpty()) {
      throw new ProofVerificationException(
          "The node says the call ended as '"
              + claimed
              + "', but its proof shows "
              + error.map(e -> "an error (" + e + ")").orElse("success"));
    }
    return new TransactionOutcome(txHash, block, location, error);
  }

  /**
   * {@code GET /api/services/{service}/{endpoint}?query}: a service's read endpoint, answered as
   * the service wrote it. If it carries a proof, check it with {@link StateProof}.
   *
   * @throws IllegalArgumentException if the name or endpoint path is not well-formed
   * @throws NodeProblemException if the service or endpoint does not exist or refuses
   */
  public JsonNode read(String service, String endpoint, Map<String, List<String>> query) {
    checkName(service);
    if (!ENDPOINT.matcher(endpoint).matches()) {
      throw new IllegalArgumentException(
          "An endpoint path is segments of letters, digits and . _ ~ - separated by single"
              + " slashes, e.g. 'balance' or 'wallets/top'; not '"
              + endpoint
              + "'");
    }
    return http.get("/api/services/" + service + "/" + endpoint, query);
  }

  private static void checkName(String service) {
    if (!NAME.matcher(service).matches()) {
      throw new IllegalArgumentException(
          "A service name is letters, digits and _ . - only; not '" + service + "'");
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a transaction", e);
    }
  }
}
