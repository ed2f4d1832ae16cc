package io.polyhost.host.http;

import io.helidon.webserver.http.ServerRequest;
import io.polyhost.api.blockchain.BlockProof;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.Serializers;
import io.polyhost.host.blockchain.Blockchain;
import io.polyhost.host.blockchain.CoreSchema;
import io.polyhost.storage.Snapshot;
import io.polyhost.storage.StorageAccess;
import io.polyhost.storage.index.IndexViews;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/services/{name}/state-proof?index=I[&key=K | &key_hex=H | &position=N]}: one
 * entry of a service's Merkelized index, proven from the latest certified block down: the block
 * proof, the index's proof within the block's state hash and the entry's proof within the index (a
 * key of a proof map, a position of a proof list, or a proof entry when neither is given). A light
 * client checks it with the validators' keys alone ({@code io.polyhost.client.StateProof}).
 *
 * <p>Values are the stored bytes (hex, and as text when they are UTF-8, such as the JSON a
 * JavaScript service stores); the node knows no service's types.
 */
final class StateProofs {
  static final String PATH = "state-proof";

  private static final Serializer<byte[]> RAW = Serializers.bytes();
  private static final HexFormat HEX = HexFormat.of();

  private StateProofs() {}

  static Map<String, Object> prove(Blockchain chain, InstanceSpec spec, ServerRequest req) {
    String index =
        req.query()
            .first("index")
            .asOptional()
            .orElseThrow(() ->
                ApiProblem.badRequest(
                    "Name the index to prove: ?index=NAME (the name the service opens, e.g."
                        + " balances), with &key=TEXT or &key_hex=HEX for a proof map, &position=N"
                        + " for a proof list, or nothing more for a proof entry"));
    IndexAddress address;
    try {
      address = IndexAddress.of(index);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("Query parameter index: " + e.getMessage());
    }
    Optional<byte[]> key = key(req);
    Optional<Long> position = Requests.count(req, "position");
    if (key.isPresent() && position.isPresent()) {
      throw ApiProblem.badRequest("Give a key (proof map) or a position (proof list), not both");
    }
    IndexType asked =
        key.isPresent()
            ? IndexType.PROOF_MAP
            : position.isPresent() ? IndexType.PROOF_LIST : IndexType.PROOF_ENTRY;
    return chain.readSnapshot(snapshot -> {
      StorageAccess own = snapshot.prefixed(spec.name());
      Optional<IndexType> stored = own.indexType(address);
      if (stored.isPresent() && stored.get() != asked) {
        throw ApiProblem.badRequest(
            "Index '"
                + index
                + "' of '"
                + spec.name()
                + "' is a "
                + label(stored.get())
                + ", not a "
                + label(asked)
                + (stored.get().isMerkelized()
                    ? "; ask with " + hint(stored.get())
                    : "; only proof maps, proof lists and proof entries can be proven"));
      }
      return answer(
          snapshot, spec.name() + "." + index, asked, IndexViews.over(own), index, key, position);
    });
  }

  private static Map<String, Object> answer(
      Snapshot snapshot,
      String fullName,
      IndexType type,
      IndexAccess data,
      String index,
      Optional<byte[]> key,
      Optional<Long> position) {
    CoreSchema core = CoreSchema.over(snapshot);
    BlockProof block =
        core.proofs()
            .blockProof(core.height())
            .orElseThrow(() -> new IllegalStateException("The latest block has no certificate"));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("index", fullName);
    json.put("index_type", label(type));
    json.put("height", block.block().height());
    Map<String, Object> proof = new LinkedHashMap<>();
    proof.put("block_proof", ProofViews.block(block));
    proof.put("index_proof", Views.hex(snapshot.indexProof(fullName).toProto().toByteArray()));
    Optional<byte[]> value;
    switch (type) {
      case PROOF_MAP -> {
        var map = data.proofMap(index, RAW, RAW);
        json.put("key_hex", HEX.formatHex(key.orElseThrow()));
        value = map.get(key.orElseThrow());
        proof.put("entry_proof", Views.hex(map.proof(key.orElseThrow()).toProto().toByteArray()));
      }
      case PROOF_LIST -> {
        var list = data.proofList(index, RAW);
        long at = position.orElseThrow();
        json.put("position", at);
        value = list.get(at);
        proof.put("entry_proof", Views.hex(list.proof(at).toProto().toByteArray()));
      }
      default -> value = data.proofEntry(index, RAW).get();
    }
    json.put("value_hex", value.map(HEX::formatHex).orElse(null));
    value.flatMap(StateProofs::text).ifPresent(text -> json.put("value", text));
    json.put("proof", proof);
    return json;
  }

  private static Optional<byte[]> key(ServerRequest req) {
    Optional<String> text = req.query().first("key").asOptional();
    Optional<String> hex = req.query().first("key_hex").asOptional();
    if (text.isPresent() && hex.isPresent()) {
      throw ApiProblem.badRequest("Give the key as key (text) or key_hex, not both");
    }
    if (hex.isPresent()) {
      try {
        return Optional.of(HEX.parseHex(hex.get()));
      } catch (IllegalArgumentException e) {
        throw ApiProblem.badRequest("Query parameter key_hex is not hex: " + e.getMessage());
      }
    }
    return text.map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<String> text(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString());
    } catch (java.nio.charset.CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static String label(IndexType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  private static String hint(IndexType type) {
    return switch (type) {
      case PROOF_MAP -> "&key=TEXT or &key_hex=HEX";
      case PROOF_LIST -> "&position=N";
      default -> "no key or position";
    };
  }
}
