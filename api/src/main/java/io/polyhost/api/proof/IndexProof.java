package io.polyhost.api.proof;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proto.IndexProofProto;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A proof of the object hash of one index within the state hash, or of the index's absence.
 *
 * <p>The database aggregates the state in a {@link MapKeyMode#HASHED hashed-key} map from the full
 * name of each aggregated index (UTF-8) to its 32-byte object hash; the state hash is that map's
 * hash. This proof opens that map at one name. Prove an entity inside the index with the index's
 * own proof, taken from the same snapshot.
 *
 * @param indexName the full name of the index, e.g. {@code wallet.balances}
 * @param proof the aggregator proof for exactly that one name
 */
public record IndexProof(String indexName, MapProof proof) {
  /**
   * Checks the shape of the aggregator proof.
   *
   * @throws IllegalArgumentException if the proof is not a hashed-key proof
   */
  public IndexProof {
    if (proof.keyMode() != MapKeyMode.HASHED) {
      throw new IllegalArgumentException(
          "An index proof opens the state aggregator, a hashed-key map; got a "
              + proof.keyMode()
              + " proof");
    }
  }

  /**
   * Checks the proof against a trusted state hash.
   *
   * @return the proven object hash of the index, or empty if the index is proven absent from the
   *     state
   * @throws ProofVerificationException if the aggregator proof does not verify against {@code
   *     stateHash}, does not cover exactly the index name, or proves a value that is not a hash
   */
  public Optional<Hash> verify(Hash stateHash) {
    VerifiedMapProof verified = proof.verify(stateHash);
    byte[] name = indexName.getBytes(StandardCharsets.UTF_8);
    if (verified.entries().size() != 1
        || !Arrays.equals(verified.entries().getFirst().keyBytes(), name)) {
      throw new ProofVerificationException(
          "An index proof for '"
              + indexName
              + "' must cover exactly that one name; it covers "
              + verified.entries().size()
              + " keys: "
              + verified.entries());
    }
    byte[] value = verified.entries().getFirst().valueBytes();
    if (value == null) {
      return Optional.empty();
    }
    if (value.length != Hash.SIZE) {
      throw new ProofVerificationException(
          "The aggregator value for '"
              + indexName
              + "' is "
              + value.length
              + " bytes; an index hash is "
              + Hash.SIZE);
    }
    return Optional.of(Hash.of(value));
  }

  /** The protobuf form. */
  public IndexProofProto toProto() {
    return IndexProofProto.newBuilder().setIndexName(indexName).setProof(proof.toProto()).build();
  }

  /**
   * Reads the protobuf form. The result still needs {@link #verify}.
   *
   * @throws IllegalArgumentException if the message is malformed (see {@link MapProof#fromProto})
   */
  public static IndexProof fromProto(IndexProofProto proto) {
    if (!proto.hasProof()) {
      throw new IllegalArgumentException(
          "Index proof for '" + proto.getIndexName() + "' has no aggregator proof");
    }
    return new IndexProof(
        proto.getIndexName(), MapProof.fromProto(proto.getProof(), MapKeyMode.HASHED));
  }
}
