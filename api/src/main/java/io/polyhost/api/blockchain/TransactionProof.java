package io.polyhost.api.blockchain;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proof.ListProof;
import io.polyhost.api.proof.ListProofEntry;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.proof.VerifiedListProof;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Proof that a transaction is in a certified block, at a given position.
 *
 * <p>The block's {@code tx_hash} is the hash of the list of its transaction hashes; the list proof
 * opens that list at one position.
 *
 * @param blockProof the certified block
 * @param txProof a proof of one element of the block's transaction list
 */
public record TransactionProof(BlockProof blockProof, ListProof txProof) {
  /** Checks that both parts are there; {@link #verify} checks that they fit. */
  public TransactionProof {
    Objects.requireNonNull(blockProof, "blockProof");
    Objects.requireNonNull(txProof, "txProof");
  }

  /**
   * Checks that the transaction {@code txHash} is in the certified block.
   *
   * @param validatorKeys the validators' consensus keys, in validator index order
   * @param txHash the hash of the transaction the client asked about
   * @return where the transaction is
   * @throws IllegalArgumentException if {@code validatorKeys} is empty
   * @throws ProofVerificationException if the block proof fails, the list proof does not match the
   *     block's transaction hash or count, or proves another transaction or several
   */
  public TxLocation verify(List<PublicKey> validatorKeys, Hash txHash) {
    Block block = blockProof.verify(validatorKeys);
    VerifiedListProof verified;
    try {
      verified = txProof.verify(block.txHash());
    } catch (ProofVerificationException e) {
      throw new ProofVerificationException(
          "The transaction proof does not match the transaction hash of block "
              + block.height()
              + ": "
              + e.getMessage());
    }
    if (verified.length() != block.txCount()) {
      throw new ProofVerificationException(
          "The transaction list has "
              + verified.length()
              + " elements, but block "
              + block.height()
              + " has "
              + block.txCount()
              + " transactions");
    }
    if (verified.entries().size() != 1) {
      throw new ProofVerificationException(
          "The transaction proof must prove exactly one position; it proves "
              + verified.entries().size());
    }
    ListProofEntry entry = verified.entries().getFirst();
    if (!Arrays.equals(entry.value(), txHash.toBytes())) {
      throw new ProofVerificationException(
          "Position "
              + entry.position()
              + " of block "
              + block.height()
              + " holds another transaction than "
              + txHash);
    }
    return new TxLocation(block.height(), Math.toIntExact(entry.position()));
  }
}
