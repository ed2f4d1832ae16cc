package io.polyhost.host.http;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.BlockCertificate;
import io.polyhost.api.crypto.Hash;
import io.polyhost.host.blockchain.Blockchain;
import io.polyhost.host.blockchain.CoreSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/explorer/v1/blocks} and {@code /block}: committed headers, newest first. */
final class BlockEndpoints {
  /** Exonum's {@code MAX_BLOCKS_PER_REQUEST}. */
  static final int MAX_BLOCKS = 1000;

  private final Blockchain chain;

  BlockEndpoints(Blockchain chain) {
    this.chain = chain;
  }

  void register(HttpRouting.Builder routing) {
    routing.get("/api/explorer/v1/blocks", this::blocks);
    routing.get("/api/explorer/v1/block", this::block);
  }

  private void blocks(ServerRequest req, ServerResponse res) {
    long count =
        Requests.count(req, "count")
            .orElseThrow(() ->
                ApiProblem.badRequest(
                    "The query parameter 'count' is missing; ask for 1 to "
                        + MAX_BLOCKS
                        + " blocks"));
    if (count < 1 || count > MAX_BLOCKS) {
      throw ApiProblem.badRequest(
          "count must be from 1 to " + MAX_BLOCKS + ", got " + count + "; page with 'latest'");
    }
    Map<String, Object> body =
        chain.read(core -> {
          long height = core.height();
          long latest = Requests.count(req, "latest").orElse(height);
          if (latest > height) {
            throw ApiProblem.notFound(heightTooLarge("latest", latest, height));
          }
          long earliest = Requests.count(req, "earliest").orElse(0L);
          List<Object> blocks = new ArrayList<>();
          long h = latest;
          for (; h >= earliest && blocks.size() < count; h--) {
            blocks.add(Views.block(core.block(h).orElseThrow()));
          }
          Map<String, Object> range = new LinkedHashMap<>();
          range.put("start", h + 1);
          range.put("end", latest + 1);
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("range", range);
          json.put("blocks", blocks);
          return json;
        });
    Json.send(res, body);
  }

  private void block(ServerRequest req, ServerResponse res) {
    long wanted =
        Requests.count(req, "height")
            .orElseThrow(() ->
                ApiProblem.badRequest(
                    "The query parameter 'height' is missing; give a block height from 0 up"));
    Map<String, Object> body = chain.read(core -> details(core, wanted));
    Json.send(res, body);
  }

  private static Map<String, Object> details(CoreSchema core, long height) {
    Block block =
        core.block(height)
            .orElseThrow(
                () -> ApiProblem.notFound(heightTooLarge("height", height, core.height())));
    Map<String, Object> json = Views.block(block);
    json.put(
        "precommits",
        core.certificate(block.hash()).map(BlockCertificate::precommits).orElse(List.of()).stream()
            .map(p -> Views.hex(p.toProto().toByteArray()))
            .toList());
    json.put("txs", core.blockTransactions(height).stream().map(Hash::toHex).toList());
    json.put("hash", block.hash().toHex());
    return json;
  }

  private static String heightTooLarge(String name, long asked, long height) {
    return "The requested "
        + name
        + " "
        + asked
        + " is above the blockchain's height "
        + height
        + "; ask for a committed block";
  }
}
