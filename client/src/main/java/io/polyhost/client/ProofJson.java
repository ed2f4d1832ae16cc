package io.polyhost.client;

import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.BlockCertificate;
import io.polyhost.api.blockchain.BlockProof;
import io.polyhost.api.proof.IndexProof;
import io.polyhost.api.proof.ListProof;
import io.polyhost.api.proof.MapKeyMode;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.proto.BlockCertificateProto;
import io.polyhost.api.proto.IndexProofProto;
import io.polyhost.api.proto.ListProofProto;
import io.polyhost.api.proto.MapProofProto;
import tools.jackson.databind.JsonNode;

/**
 * Decodes the proofs a node serves. Each part is the hex of its protobuf encoding (the node's
 * {@code ProofViews}), so what is checked is exactly what was hashed and signed; readable copies
 * beside them (the block header as JSON) are for people and never trusted.
 */
final class ProofJson {
  private ProofJson() {}

  /** {@code {"block_bytes": hex(BlockProto), "certificate": hex(BlockCertificateProto)}}. */
  static BlockProof blockProof(JsonNode proof) {
    String what = "block proof";
    byte[] block = Answers.hex(proof, "block_bytes", what);
    byte[] certificate = Answers.hex(proof, "certificate", what);
    try {
      Block header = Block.parse(block);
      BlockCertificate precommits =
          BlockCertificate.fromProto(BlockCertificateProto.parseFrom(certificate));
      canonical(block, header.toProto().toByteArray(), what + "'s block_bytes");
      canonical(certificate, precommits.toProto().toByteArray(), what + "'s certificate");
      return new BlockProof(header, precommits);
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw new MalformedAnswerException("The block proof does not decode: " + e.getMessage(), e);
    }
  }

  static ListProof listProof(JsonNode parent, String field, String what) {
    byte[] bytes = Answers.hex(parent, field, what);
    try {
      ListProof proof = ListProof.fromProto(ListProofProto.parseFrom(bytes));
      canonical(bytes, proof.toProto().toByteArray(), "The " + what + "'s " + field);
      return proof;
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw new MalformedAnswerException(
          "The " + what + "'s " + field + " is not a list proof: " + e.getMessage(), e);
    }
  }

  static MapProof mapProof(JsonNode parent, String field, String what) {
    byte[] bytes = Answers.hex(parent, field, what);
    try {
      MapProof proof = MapProof.fromProto(MapProofProto.parseFrom(bytes), MapKeyMode.HASHED);
      canonical(bytes, proof.toProto().toByteArray(), "The " + what + "'s " + field);
      return proof;
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw new MalformedAnswerException(
          "The " + what + "'s " + field + " is not a map proof: " + e.getMessage(), e);
    }
  }

  static IndexProof indexProof(JsonNode parent, String field, String what) {
    byte[] bytes = Answers.hex(parent, field, what);
    try {
      IndexProof proof = IndexProof.fromProto(IndexProofProto.parseFrom(bytes));
      canonical(bytes, proof.toProto().toByteArray(), "The " + what + "'s " + field);
      return proof;
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw new MalformedAnswerException(
          "The " + what + "'s " + field + " is not an index proof: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses an encoding other than the one the node writes (unknown fields, fields out of order,
   * non-minimal integers): one proof has one encoding, so a part that was tampered with but still
   * decodes to the same values is refused rather than passed.
   */
  private static void canonical(byte[] given, byte[] reencoded, String what) {
    if (!java.util.Arrays.equals(given, reencoded)) {
      throw new IllegalArgumentException(what + " is not in its canonical encoding");
    }
  }
}
