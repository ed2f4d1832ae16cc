package io.polyhost.api.blockchain;

import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.proof.MapKeyMode;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.proof.MapProofEntry;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.proof.VerifiedMapProof;
import io.polyhost.api.proto.ExecutionErrorProto;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Proof of the outcome of one call of a block: whether it failed, and with which error.
 *
 * <p>The block's {@code error_hash} is the hash of a map from {@link CallInBlock} keys to the
 * consensus part of each error (kind, code, runtime id, call site); a call that succeeded has no
 * entry, and the map proof proves that absence too. The description is not part of consensus: it
 * travels beside the proof, unproven, for people to read.
 *
 * @param blockProof the certified block
 * @param errorProof a proof for exactly one key of the block's error map (hashed keys)
 * @param errorDescription the node's description of the error, if the call failed
 */
public record CallProof(
    BlockProof blockProof, MapProof errorProof, Optional<String> errorDescription) {
  /**
   * Checks the key mode.
   *
   * @throws IllegalArgumentException if {@code errorProof} is not a hashed-key proof
   */
  public CallProof {
    Objects.requireNonNull(blockProof, "blockProof");
    Objects.requireNonNull(errorDescription, "errorDescription");
    if (errorProof.keyMode() != MapKeyMode.HASHED) {
      throw new IllegalArgumentException(
          "The error map of a block has hashed keys; got a " + errorProof.keyMode() + " proof");
    }
  }

  /**
   * Checks the proof and tells the outcome of {@code call}.
   *
   * @param validatorKeys the validators' consensus keys, in validator index order
   * @param call the call whose outcome the client asked for
   * @return the error of the call with the (unproven) description attached, or empty if the call
   *     succeeded
   * @throws IllegalArgumentException if {@code validatorKeys} is empty
   * @throws ProofVerificationException if the block proof fails, the error proof does not match the
   *     block's error hash, covers another call or several, proves an error that is not in its
   *     consensus form, or a description accompanies a call that succeeded
   */
  public Optional<ExecutionError> verify(List<PublicKey> validatorKeys, CallInBlock call) {
    Block block = blockProof.verify(validatorKeys);
    VerifiedMapProof verified;
    try {
      verified = errorProof.verify(block.errorHash());
    } catch (ProofVerificationException e) {
      throw new ProofVerificationException(
          "The error proof does not match the error hash of block "
              + block.height()
              + ": "
              + e.getMessage());
    }
    if (verified.entries().size() != 1
        || !Arrays.equals(verified.entries().getFirst().key(), call.toKey())) {
      throw new ProofVerificationException(
          "The error proof must cover exactly " + call + "; it covers " + describe(verified));
    }
    Optional<byte[]> value = verified.entries().getFirst().value();
    if (value.isEmpty()) {
      if (errorDescription.isPresent()) {
        throw new ProofVerificationException(
            "The proof shows that " + call + " succeeded, yet it carries an error description");
      }
      return Optional.empty();
    }
    return Optional.of(decode(call, value.get()));
  }

  private ExecutionError decode(CallInBlock call, byte[] value) {
    ExecutionError proven;
    try {
      proven = ExecutionError.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ProofVerificationException(
          "The proven error of " + call + " does not decode: " + e.getMessage());
    }
    ExecutionErrorProto proto = proven.toProto();
    if (!proto.getDescription().isEmpty() || proto.getBacktraceCount() > 0) {
      throw new ProofVerificationException(
          "The proven error of "
              + call
              + " carries a description or backtrace; only its consensus part may be proven");
    }
    return ExecutionError.fromProto(
        proto.toBuilder().setDescription(errorDescription.orElse("")).build());
  }

  private static String describe(VerifiedMapProof verified) {
    return verified.entries().size()
        + " key(s): "
        + verified.entries().stream().map(MapProofEntry::key).map(CallProof::describeKey).toList();
  }

  private static String describeKey(byte[] key) {
    try {
      return CallInBlock.fromKey(key).toString();
    } catch (IllegalArgumentException e) {
      return "malformed key " + HexFormat.of().formatHex(key);
    }
  }
}
