package io.polyhost.client;

import io.polyhost.api.blockchain.Block;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.proof.ListProofEntry;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.proof.VerifiedListProof;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Verifies a proven read: an answer (such as the node's {@code GET
 * /api/services/{name}/state-proof}) that carries, under {@code "proof"}, a certified block, the
 * proof of an index within that block's state hash and the proof of one entry within the index.
 *
 * <p>The answer's shape:
 *
 * <pre>{@code
 * {"index": "wallet.balances", "index_type": "proof_map" | "proof_list" | "proof_entry",
 *  "key_hex": "...",            (proof_map)     "position": 3,   (proof_list)
 *  "value_hex": "..." or null,  (null: absent)
 *  "proof": {"block_proof": {"block_bytes": "...", "certificate": "..."},
 *            "index_proof": hex(IndexProofProto),
 *            "entry_proof": hex(MapProofProto or ListProofProto)}}   (not for proof_entry)
 * }</pre>
 *
 * Nothing unproven is believed: the value the answer states must be the proven one.
 */
public final class StateProof {
  private static final String WHAT = "proven read";

  private StateProof() {}

  /** Whether {@code answer} carries a proof ({@code "proof"} with a {@code "block_proof"}). */
  public static boolean carriesProof(JsonNode answer) {
    JsonNode proof = answer.isObject() ? answer.get("proof") : null;
    return proof != null && proof.isObject() && proof.has("block_proof");
  }

  /**
   * Checks the proof in {@code answer} against {@code validatorKeys}.
   *
   * @param validatorKeys the validators' consensus keys, in validator order, as the caller trusts
   *     them
   * @return what is proven
   * @throws ProofVerificationException if any part of the proof does not hold, or the answer states
   *     a value other than the proven one
   * @throws MalformedAnswerException if the answer is not in the shape above
   * @throws IllegalArgumentException if {@code validatorKeys} is empty
   */
  public static ProvenState verify(JsonNode answer, List<PublicKey> validatorKeys) {
    if (!carriesProof(answer)) {
      throw new MalformedAnswerException(
          "The answer carries no proof: " + NodeHttp.abbreviate(answer.toString()));
    }
    JsonNode proof = Answers.object(answer, "proof", WHAT);
    Block block =
        ProofJson.blockProof(Answers.object(proof, "block_proof", "proof")).verify(validatorKeys);
    String index = Answers.text(answer, "index", WHAT);
    var indexProof = ProofJson.indexProof(proof, "index_proof", "proof");
    if (!indexProof.indexName().equals(index)) {
      throw new ProofVerificationException(
          "The index proof is about '" + indexProof.indexName() + "', not '" + index + "'");
    }
    Optional<Hash> indexHash;
    try {
      indexHash = indexProof.verify(block.stateHash());
    } catch (ProofVerificationException e) {
      throw new ProofVerificationException(
          "The index proof of '"
              + index
              + "' does not match the state hash of block "
              + block.height()
              + ": "
              + e.getMessage());
    }
    ProvenState.Kind kind = kind(answer);
    byte[] address;
    Optional<byte[]> value;
    switch (kind) {
      case PROOF_MAP -> {
        address = Answers.hex(answer, "key_hex", WHAT);
        value = indexHash.isEmpty() ? Optional.empty() : mapValue(proof, indexHash.get(), address);
      }
      case PROOF_LIST -> {
        long position = Answers.number(answer, "position", WHAT);
        address = ByteBuffer.allocate(Long.BYTES).putLong(position).array();
        value =
            indexHash.isEmpty() ? Optional.empty() : listValue(proof, indexHash.get(), position);
      }
      case PROOF_ENTRY -> {
        address = new byte[0];
        value = entryValue(answer, indexHash);
      }
      default -> throw new AssertionError(kind);
    }
    checkClaimed(answer, value, index);
    return new ProvenState(block, index, kind, address, value);
  }

  private static ProvenState.Kind kind(JsonNode answer) {
    String type = Answers.text(answer, "index_type", WHAT);
    try {
      return ProvenState.Kind.valueOf(type.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new MalformedAnswerException(
          "The proven read is of an index type this client does not know: '" + type + "'", e);
    }
  }

  private static Optional<byte[]> mapValue(JsonNode proof, Hash indexHash, byte[] key) {
    var verified = ProofJson.mapProof(proof, "entry_proof", "proof").verify(indexHash);
    if (verified.entries().size() != 1) {
      throw new ProofVerificationException(
          "The entry proof must cover exactly the key asked for; it covers "
              + verified.entries().size());
    }
    try {
      return verified.value(key);
    } catch (IllegalArgumentException e) {
      throw new ProofVerificationException(
          "The entry proof is not about key " + HexFormat.of().formatHex(key));
    }
  }

  private static Optional<byte[]> listValue(JsonNode proof, Hash indexHash, long position) {
    VerifiedListProof verified =
        ProofJson.listProof(proof, "entry_proof", "proof").verify(indexHash);
    List<ListProofEntry> entries = verified.entries();
    if (position >= verified.length()) {
      if (!entries.isEmpty()) {
        throw new ProofVerificationException(
            "The list has " + verified.length() + " elements, yet the proof holds some");
      }
      return Optional.empty();
    }
    if (entries.size() != 1 || entries.getFirst().position() != position) {
      throw new ProofVerificationException(
          "The list proof must hold exactly element " + position + "; it holds " + entries);
    }
    return Optional.of(entries.getFirst().value());
  }

  private static Optional<byte[]> entryValue(JsonNode answer, Optional<Hash> indexHash) {
    Optional<byte[]> claimed = claimed(answer);
    Hash expected = claimed.map(Hashing::value).orElse(Hash.zero());
    Hash proven = indexHash.orElse(Hash.zero());
    if (!proven.equals(expected)) {
      throw new ProofVerificationException(
          "The entry's proven hash is " + proven + ", but the value given hashes to " + expected);
    }
    return claimed;
  }

  private static void checkClaimed(JsonNode answer, Optional<byte[]> proven, String index) {
    Optional<byte[]> claimed = claimed(answer);
    boolean same =
        claimed.isPresent() == proven.isPresent()
            && (claimed.isEmpty() || Arrays.equals(claimed.get(), proven.get()));
    if (!same) {
      throw new ProofVerificationException(
          "The answer says the entry of '"
              + index
              + "' is "
              + claimed.map(ProvenState::text).orElse("absent")
              + ", but the proof shows "
              + proven.map(ProvenState::text).orElse("it absent"));
    }
  }

  private static Optional<byte[]> claimed(JsonNode answer) {
    JsonNode value = answer.get("value_hex");
    return value == null || value.isNull()
        ? Optional.empty()
        : Optional.of(Answers.hex(answer, "value_hex", WHAT));
  }
}
