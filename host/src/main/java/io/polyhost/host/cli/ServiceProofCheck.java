package io.polyhost.host.cli;

import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.StateProof;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proof.ListProofEntry;
import io.polyhost.api.proof.MapProofEntry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Verifies the proof a service's own read endpoint puts in its answer: by convention the hex of a
 * {@link StateProof} in a top-level {@code "proof"} string (see {@code ReadContext.prove}), as
 * opposed to the node's {@code state-proof} endpoint, whose proof is an object.
 */
final class ServiceProofCheck {
  /**
   * What the proof proves.
   *
   * @param index the full index name
   * @param block the verified block
   * @param entries the proven entries, readably: {@code key = value} or {@code key absent}
   */
  record Proven(String index, Block block, List<String> entries) {}

  private ServiceProofCheck() {}

  /** The hex proof in {@code answer}, if it carries one in the service convention. */
  static Optional<String> hexProof(JsonNode answer) {
    JsonNode proof = answer.get("proof");
    return proof != null && proof.isString() ? Optional.of(proof.asString()) : Optional.empty();
  }

  /**
   * Verifies {@code hex} against {@code validatorKeys}.
   *
   * @throws io.polyhost.api.proof.ProofVerificationException if it does not hold
   * @throws IllegalArgumentException if it is not a well-formed state proof
   */
  static Proven verify(String hex, List<PublicKey> validatorKeys) {
    StateProof proof = StateProof.fromHex(hex);
    List<String> entries = new ArrayList<>();
    switch (proof.entries()) {
      case StateProof.MapEntries map -> {
        for (MapProofEntry entry : proof.verifyMap(validatorKeys).entries()) {
          entries.add(
              readable(entry.key())
                  + entry.value().map(v -> " = " + readable(v)).orElse(" absent"));
        }
      }
      case StateProof.ListEntries list -> {
        for (ListProofEntry entry : proof.verifyList(validatorKeys).entries()) {
          entries.add("[" + entry.position() + "] = " + readable(entry.value()));
        }
      }
    }
    return new Proven(proof.indexName(), proof.blockProof().block(), entries);
  }

  /** UTF-8 text when the bytes are printable text, hex otherwise. */
  static String readable(byte[] bytes) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      if (!text.isEmpty() && text.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f)) {
        return "\"" + text + "\"";
      }
    } catch (CharacterCodingException e) {
      // Not text: shown as hex below.
    }
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}
