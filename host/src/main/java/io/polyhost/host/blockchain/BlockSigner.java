package io.polyhost.host.blockchain;

import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.BlockCertificate;
import io.polyhost.api.blockchain.Precommit;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A validator's signing identity: its index in the consensus configuration and its consensus key
 * pair. It endorses executed blocks with precommits and gathers precommits into certificates.
 */
public final class BlockSigner {
  private final int validator;
  private final KeyPair keys;

  /**
   * The signer of validator {@code validator}.
   *
   * @throws IllegalArgumentException if {@code validator} is negative
   */
  public BlockSigner(int validator, KeyPair consensusKeys) {
    if (validator < 0) {
      throw new IllegalArgumentException("A validator index must not be negative: " + validator);
    }
    this.validator = validator;
    this.keys = consensusKeys;
  }

  /**
   * The signer whose consensus key is at its index in {@code validatorKeys}.
   *
   * @throws IllegalArgumentException if the key is not a validator's consensus key
   */
  public static BlockSigner of(List<PublicKey> validatorKeys, KeyPair consensusKeys) {
    int index = validatorKeys.indexOf(consensusKeys.publicKey());
    if (index < 0) {
      throw new IllegalArgumentException(
          "Key " + consensusKeys.publicKey() + " is not a validator's consensus key");
    }
    return new BlockSigner(index, consensusKeys);
  }

  /** The validator index. */
  public int validator() {
    return validator;
  }

  /** This validator's precommit for {@code block}. */
  public Precommit sign(Block block) {
    return Precommit.sign(keys, validator, block.height(), block.hash());
  }

  /** The certificate of a single-validator network: this validator's precommit alone. */
  public BlockCertificate certifyAlone(Block block) {
    return certifyAlone(block, block.hash());
  }

  /**
   * Like {@link #certifyAlone(Block)} for a block whose hash the caller has already computed:
   * hashing a header serializes it first, and the block executor already did that to store it.
   *
   * @param hash the hash of {@code block}
   */
  BlockCertificate certifyAlone(Block block, Hash hash) {
    // A signature just made with our own key needs no check; checking it cost as much as
    // executing dozens of no-op transactions, once per block.
    return new BlockCertificate(
        block.height(), hash, List.of(Precommit.sign(keys, validator, block.height(), hash)));
  }

  /**
   * Gathers precommits for {@code block} into its certificate, ordered by validator index so every
   * node stores the same bytes. Whether they reach a quorum is checked by {@link
   * io.polyhost.api.blockchain.BlockProof#verify}.
   *
   * @throws IllegalArgumentException if a precommit is for another block or height, has an invalid
   *     signature, or two come from one validator
   */
  public static BlockCertificate certificate(Block block, Collection<Precommit> precommits) {
    Hash hash = block.hash();
    BitSet seen = new BitSet();
    List<Precommit> sorted = new ArrayList<>(precommits);
    sorted.sort(Comparator.comparingInt(Precommit::validator));
    for (Precommit p : sorted) {
      if (p.height() != block.height() || !p.blockHash().equals(hash)) {
        throw new IllegalArgumentException(
            p + " is not for block " + hash + " at " + block.height());
      }
      if (seen.get(p.validator())) {
        throw new IllegalArgumentException("Validator " + p.validator() + " precommitted twice");
      }
      if (!p.hasValidSignature()) {
        throw new IllegalArgumentException(p + " has an invalid signature");
      }
      seen.set(p.validator());
    }
    return BlockCertificate.of(block, sorted);
  }
}
