package io.polyhost.api.blockchain;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proto.BlockCertificateProto;
import io.polyhost.api.proto.SignedMessageProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The precommits that make a block final: signed endorsements of one block hash at one height from
 * more than two thirds of the validators.
 *
 * <p>Construction checks only the shape; whether the precommits really certify a block is decided
 * by {@link BlockProof#verify}, against the validators' keys.
 *
 * @param height the height of the certified block
 * @param blockHash the hash of the certified block header
 * @param precommits the signed precommits, at most one per validator
 */
public record BlockCertificate(long height, Hash blockHash, List<Precommit> precommits) {
  /**
   * Copies the list.
   *
   * @throws IllegalArgumentException if {@code height} is negative
   */
  public BlockCertificate {
    if (height < 0) {
      throw new IllegalArgumentException("A certificate's height must not be negative: " + height);
    }
    Objects.requireNonNull(blockHash, "blockHash");
    precommits = List.copyOf(precommits);
  }

  /** A certificate for {@code block} made of {@code precommits}. */
  public static BlockCertificate of(Block block, List<Precommit> precommits) {
    return new BlockCertificate(block.height(), block.hash(), precommits);
  }

  /** The protobuf form. */
  public BlockCertificateProto toProto() {
    BlockCertificateProto.Builder b =
        BlockCertificateProto.newBuilder().setHeight(height).setBlockHash(blockHash.toProto());
    for (Precommit p : precommits) {
      b.addPrecommits(p.toProto());
    }
    return b.build();
  }

  /**
   * Reads the protobuf form; signatures are not checked.
   *
   * @throws IllegalArgumentException if the height is too large, the block hash is missing or
   *     malformed, or a precommit is malformed (the message names which)
   */
  public static BlockCertificate fromProto(BlockCertificateProto proto) {
    String what = "BlockCertificate";
    List<Precommit> precommits = new ArrayList<>(proto.getPrecommitsCount());
    for (int i = 0; i < proto.getPrecommitsCount(); i++) {
      SignedMessageProto signed = proto.getPrecommits(i);
      try {
        precommits.add(Precommit.fromProto(signed));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Precommit #" + i + " of the certificate is malformed: " + e.getMessage(), e);
      }
    }
    return new BlockCertificate(
        ProtoFields.uint64(what, "height", proto.getHeight()),
        ProtoFields.hash(what, "block_hash", proto.hasBlockHash(), proto.getBlockHash()),
        precommits);
  }
}
