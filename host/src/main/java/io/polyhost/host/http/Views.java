package io.polyhost.host.http;

import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.TxLocation;
import io.polyhost.api.error.CallSite;
import io.polyhost.api.error.ExecutionError;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shapes of the explorer, after Exonum's: ordered maps, so the documents read in the order
 * a person expects and optional members are simply absent.
 */
final class Views {
  private static final HexFormat HEX = HexFormat.of();

  private Views() {}

  /** A block header: Exonum's fields plus the block's time. */
  static Map<String, Object> block(Block block) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("proposer_id", block.proposerId());
    json.put("height", block.height());
    json.put("tx_count", block.txCount());
    json.put("prev_hash", block.prevHash().toHex());
    json.put("tx_hash", block.txHash().toHex());
    json.put("state_hash", block.stateHash().toHex());
    json.put("error_hash", block.errorHash().toHex());
    Map<String, String> headers = new LinkedHashMap<>();
    block.additionalHeaders().entries().forEach(h -> headers.put(h.key(), hex(h.value())));
    json.put("additional_headers", headers);
    json.put("time", block.time().toString());
    return json;
  }

  /** Where a committed transaction is. */
  static Map<String, Object> location(TxLocation location) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("block_height", location.blockHeight());
    json.put("position_in_block", location.position());
    return json;
  }

  /** Exonum's {@code ExecutionStatus}: {@code {"type":"success"}} or the error. */
  static Map<String, Object> status(Optional<ExecutionError> error) {
    Map<String, Object> json = new LinkedHashMap<>();
    if (error.isEmpty()) {
      json.put("type", "success");
      return json;
    }
    ExecutionError e = error.get();
    json.put("type", e.kind().label() + "_error");
    json.put("code", e.code());
    json.put("description", e.description());
    e.runtimeId().ifPresent(id -> json.put("runtime_id", id));
    e.callSite().ifPresent(site -> json.put("call_site", callSite(site)));
    json.put("backtrace", e.backtrace().stream().map(Views::callSite).toList());
    return json;
  }

  private static Map<String, Object> callSite(CallSite site) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("instance_id", site.instanceId());
    json.put("call_type", site.type().name().toLowerCase(java.util.Locale.ROOT));
    if (!site.interfaceName().isEmpty()) {
      json.put("interface", site.interfaceName());
    }
    json.put("method_id", site.methodId());
    return json;
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  static String hex(com.google.protobuf.ByteString bytes) {
    return HEX.formatHex(bytes.toByteArray());
  }
}
