package io.polyhost.api.blockchain;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proof.ProofVerificationException;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * A block header with the certificate that makes it final: what a light client needs to trust the
 * header's hashes, knowing only the validators' consensus keys.
 *
 * @param block the header
 * @param certificate the validators' precommits for it
 */
public record BlockProof(Block block, BlockCertificate certificate) {
  /** Checks that both parts are there; {@link #verify} checks that they fit. */
  public BlockProof {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(certificate, "certificate");
  }

  /**
   * The number of distinct validators whose precommits make a block final among {@code validators}:
   * more than two thirds, e.g. 1 of 1, 3 of 4, 5 of 7.
   *
   * @throws IllegalArgumentException if {@code validators} is not positive
   */
  public static int quorum(int validators) {
    if (validators <= 0) {
      throw new IllegalArgumentException(
          "A quorum needs at least one validator; got " + validators);
    }
    return validators * 2 / 3 + 1;
  }

  /**
   * Checks that the certificate makes the block final under the given validators.
   *
   * <p>Every precommit must be for this block's height and hash, come from a distinct validator
   * index in range, be signed by that validator's consensus key with a valid signature, and there
   * must be at least {@link #quorum} of them. A single bad precommit rejects the proof: a server
   * that sends one is not to be trusted with the rest.
   *
   * @param validatorKeys the validators' consensus keys, in validator index order
   * @return the verified header
   * @throws IllegalArgumentException if {@code validatorKeys} is empty
   * @throws ProofVerificationException naming the precommit or field at fault
   */
  public Block verify(List<PublicKey> validatorKeys) {
    int quorum = quorum(validatorKeys.size());
    Hash hash = block.hash();
    if (certificate.height() != block.height()) {
      throw new ProofVerificationException(
          "The certificate is for height "
              + certificate.height()
              + ", but the block has height "
              + block.height());
    }
    if (!certificate.blockHash().equals(hash)) {
      throw new ProofVerificationException(
          "The certificate is for block hash "
              + certificate.blockHash()
              + ", but the block hashes to "
              + hash);
    }
    BitSet signers = new BitSet(validatorKeys.size());
    List<Precommit> precommits = certificate.precommits();
    for (int i = 0; i < precommits.size(); i++) {
      Precommit p = precommits.get(i);
      checkPrecommit(i, p, hash, validatorKeys);
      if (signers.get(p.validator())) {
        throw new ProofVerificationException(
            "Precommit #" + i + " repeats validator " + p.validator() + "; each may sign once");
      }
      signers.set(p.validator());
    }
    if (signers.cardinality() < quorum) {
      throw new ProofVerificationException(
          "Only "
              + signers.cardinality()
              + " of "
              + validatorKeys.size()
              + " validators precommitted block "
              + hash
              + "; it needs "
              + quorum);
    }
    return block;
  }

  private void checkPrecommit(int i, Precommit p, Hash hash, List<PublicKey> keys) {
    String which = "Precommit #" + i + " (validator " + p.validator() + ")";
    if (p.validator() >= keys.size()) {
      throw new ProofVerificationException(
          which + " names an unknown validator; there are " + keys.size() + " validators");
    }
    if (!p.author().equals(keys.get(p.validator()))) {
      throw new ProofVerificationException(
          which
              + " is signed by "
              + p.author()
              + ", which is not that validator's consensus key "
              + keys.get(p.validator()));
    }
    if (p.height() != block.height()) {
      throw new ProofVerificationException(
          which + " is for height " + p.height() + ", not the block's " + block.height());
    }
    if (!p.blockHash().equals(hash)) {
      throw new ProofVerificationException(
          which + " endorses block " + p.blockHash() + ", not " + hash);
    }
    if (!p.hasValidSignature()) {
      throw new ProofVerificationException(which + " has an invalid signature");
    }
  }
}
