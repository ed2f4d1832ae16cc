package io.polyhost.host.http;

import io.polyhost.api.blockchain.BlockProof;
import io.polyhost.api.blockchain.CallProof;
import io.polyhost.api.blockchain.TransactionProof;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of proofs. Every part a verifier needs is the hex of its protobuf encoding ({@code
 * BlockProto}, {@code BlockCertificateProto}, {@code ListProofProto}, {@code MapProofProto}), so a
 * light client decodes exactly the bytes that were hashed and signed; the block header is also
 * given readably.
 */
final class ProofViews {
  private ProofViews() {}

  static Map<String, Object> block(BlockProof proof) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("block", Views.block(proof.block()));
    json.put("block_bytes", Views.hex(proof.block().toProto().toByteArray()));
    json.put("certificate", Views.hex(proof.certificate().toProto().toByteArray()));
    return json;
  }

  static Map<String, Object> transaction(TransactionProof proof) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("block_proof", block(proof.blockProof()));
    json.put("tx_proof", Views.hex(proof.txProof().toProto().toByteArray()));
    return json;
  }

  static Map<String, Object> call(CallProof proof) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("block_proof", block(proof.blockProof()));
    json.put("error_proof", Views.hex(proof.errorProof().toProto().toByteArray()));
    proof.errorDescription().ifPresent(d -> json.put("error_description", d));
    return json;
  }
}
