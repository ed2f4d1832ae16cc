package io.polyhost.benchmarks.load;

import io.polyhost.api.crypto.PublicKey;
import io.polyhost.client.NodeClient;
import io.polyhost.client.NodeHttp;
import io.polyhost.client.NodeProblemException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The node as the load run sees it outside the measured part: the wallet service (started if the
 * node has none), the chain's height, the outcome of single calls, balances.
 */
final class WalletNode {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final NodeClient client;
  private final Optional<URI> privateApi;
  private final String service;

  WalletNode(URI publicApi, Optional<URI> privateApi, String service) {
    this.client = NodeClient.connect(publicApi);
    this.privateApi = privateApi;
    this.service = service;
  }

  /**
   * The instance id of the wallet service, deployed and started from {@link WalletTxs#ARTIFACT}
   * through the private API first if the node has no service of that name.
   *
   * @throws IllegalArgumentException if the service is missing and no private API was given
   */
  int instanceId() {
    try {
      return client.instanceId(service);
    } catch (IllegalArgumentException missing) {
      URI admin =
          privateApi.orElseThrow(() ->
              new IllegalArgumentException(
                  "The node has no service '"
                      + service
                      + "' and no --admin URL was given to start one from "
                      + WalletTxs.ARTIFACT,
                  missing));
      var body =
          JSON.createObjectNode()
              .put("artifact", WalletTxs.ARTIFACT)
              .put("name", service)
              .put("timeout_seconds", 180);
      JsonNode done =
          NodeHttp.of(admin, Duration.ofMinutes(4))
              .post("/api/services/supervisor/deploy-and-start", body);
      return done.path("instance_id").asInt();
    }
  }

  /** The height the next block will have. */
  long nextHeight() {
    return client
        .http()
        .get("/api/explorer/v1/blocks", Map.of("count", List.of("1")))
        .path("range")
        .path("end")
        .asLong();
  }

  /** The transaction hashes of the block at {@code height}. */
  List<String> blockTransactions(long height) {
    JsonNode block =
        client
            .http()
            .get("/api/explorer/v1/block", Map.of("height", List.of(Long.toString(height))));
    return block.path("txs").valueStream().map(JsonNode::asString).toList();
  }

  /** Whether the committed transaction {@code txHashHex} failed. */
  boolean failed(String txHashHex) {
    JsonNode status =
        client
            .http()
            .get("/api/explorer/v1/call_status/transaction", Map.of("hash", List.of(txHashHex)));
    return !"success".equals(status.path("type").asString(""));
  }

  /** The balance of the wallet of {@code key}, or -1 if it has none. */
  long balance(PublicKey key) {
    try {
      JsonNode wallet =
          client.read(service, "wallet", Map.of("key", List.of(key.toHex()))).path("wallet");
      return wallet.isObject() ? wallet.path("balance").asLong() : -1;
    } catch (NodeProblemException e) {
      throw new IllegalStateException(
          "Reading the wallet of " + key + " failed: " + e.getMessage(), e);
    }
  }
}
