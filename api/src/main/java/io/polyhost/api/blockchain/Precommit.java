package io.polyhost.api.blockchain;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.crypto.Ed25519;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.crypto.Signature;
import io.polyhost.api.proto.CoreMessageProto;
import io.polyhost.api.proto.PrecommitProto;
import io.polyhost.api.proto.SignedMessageProto;
import java.util.Arrays;

/**
 * A validator's signed statement that it executed the block of {@link #blockHash()} at {@link
 * #height()} and endorses its header.
 *
 * <p>On the wire it is a {@code SignedMessageProto} whose payload is a {@code CoreMessageProto}
 * holding a {@code PrecommitProto}: the oneof tag keeps a precommit signature from ever passing as
 * a transaction signature. The payload bytes are kept as received, so checking the signature never
 * depends on re-serializing anything. Decoding does not check the signature: {@link
 * #hasValidSignature()} does, and {@link BlockProof#verify} calls it.
 */
public final class Precommit {
  private final int validator;
  private final long height;
  private final Hash blockHash;
  private final PublicKey author;
  private final Signature signature;
  private final byte[] payload;

  private Precommit(
      int validator,
      long height,
      Hash blockHash,
      PublicKey author,
      Signature signature,
      byte[] payload) {
    this.validator = validator;
    this.height = height;
    this.blockHash = blockHash;
    this.author = author;
    this.signature = signature;
    this.payload = payload;
  }

  /**
   * Signs a precommit with a validator's consensus keys.
   *
   * @param keys the consensus key pair of validator {@code validator}
   * @param validator the validator's index in the consensus configuration
   * @param height the height of the endorsed block
   * @param blockHash the hash of the endorsed block header
   * @throws IllegalArgumentException if {@code validator} or {@code height} is negative
   */
  public static Precommit sign(KeyPair keys, int validator, long height, Hash blockHash) {
    if (validator < 0 || height < 0) {
      throw new IllegalArgumentException(
          "A precommit needs a non-negative validator index and height; got validator "
              + validator
              + ", height "
              + height);
    }
    PrecommitProto precommit =
        PrecommitProto.newBuilder()
            .setValidator(validator)
            .setHeight(height)
            .setBlockHash(blockHash.toProto())
            .build();
    byte[] payload = CoreMessageProto.newBuilder().setPrecommit(precommit).build().toByteArray();
    Signature signature = Ed25519.sign(keys, payload);
    return new Precommit(validator, height, blockHash, keys.publicKey(), signature, payload);
  }

  /**
   * Decodes a signed precommit; the signature is not checked.
   *
   * @throws IllegalArgumentException if the message lacks its author or signature, they have the
   *     wrong size, or the payload is not a well-formed precommit
   */
  public static Precommit fromProto(SignedMessageProto proto) {
    if (!proto.hasAuthor() || !proto.hasSignature()) {
      throw new IllegalArgumentException("The signed precommit lacks its author or signature");
    }
    byte[] payload = proto.getPayload().toByteArray();
    CoreMessageProto core;
    try {
      core = CoreMessageProto.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "The signed precommit's payload is not a core message: " + e.getMessage(), e);
    }
    if (!core.hasPrecommit()) {
      throw new IllegalArgumentException(
          "The signed message holds a " + core.getKindCase() + ", not a precommit");
    }
    PrecommitProto p = core.getPrecommit();
    String what = "Precommit";
    return new Precommit(
        ProtoFields.uint31(what, "validator", p.getValidator()),
        ProtoFields.uint64(what, "height", p.getHeight()),
        ProtoFields.hash(what, "block_hash", p.hasBlockHash(), p.getBlockHash()),
        PublicKey.fromProto(proto.getAuthor()),
        Signature.fromProto(proto.getSignature()),
        payload);
  }

  /** The signed message, with the payload bytes exactly as signed. */
  public SignedMessageProto toProto() {
    return SignedMessageProto.newBuilder()
        .setPayload(ByteString.copyFrom(payload))
        .setAuthor(author.toProto())
        .setSignature(signature.toProto())
        .build();
  }

  /** Whether the signature is valid for the payload and the claimed author. */
  public boolean hasValidSignature() {
    return Ed25519.verify(author, payload, signature);
  }

  /** The index of the signing validator in the consensus configuration. */
  public int validator() {
    return validator;
  }

  /** The height of the endorsed block. */
  public long height() {
    return height;
  }

  /** The hash of the endorsed block header. */
  public Hash blockHash() {
    return blockHash;
  }

  /** The claimed signer; {@link BlockProof#verify} checks it is the validator's consensus key. */
  public PublicKey author() {
    return author;
  }

  /** The Ed25519 signature over the payload. */
  public Signature signature() {
    return signature;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Precommit p
        && Arrays.equals(p.payload, payload)
        && p.author.equals(author)
        && p.signature.equals(signature);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(payload) * 31 + signature.hashCode();
  }

  @Override
  public String toString() {
    return "Precommit[validator "
        + validator
        + " for block "
        + blockHash
        + " at height "
        + height
        + " by "
        + author
        + "]";
  }
}
