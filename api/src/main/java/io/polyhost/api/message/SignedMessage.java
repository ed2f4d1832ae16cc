package io.polyhost.api.message;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.crypto.Ed25519;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.crypto.Signature;
import io.polyhost.api.crypto.VerifyingKeys;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.CoreMessageProto;
import io.polyhost.api.proto.SignedMessageProto;

/**
 * A transaction as it arrives: decoded but with its signature not yet checked. Decoding is cheap;
 * {@link #verify()} is the expensive part, which is why the two are separate: a node checks
 * signatures in parallel, off the thread that executes blocks.
 */
public final class SignedMessage {
  private final byte[] bytes;
  private final SignedMessageProto proto;
  private final AnyTxProto transaction;
  private final PublicKey author;
  private final Signature signature;

  private SignedMessage(
      byte[] bytes,
      SignedMessageProto proto,
      AnyTxProto transaction,
      PublicKey author,
      Signature signature) {
    this.bytes = bytes;
    this.proto = proto;
    this.transaction = transaction;
    this.author = author;
    this.signature = signature;
  }

  /**
   * Decodes a serialized signed transaction.
   *
   * @throws IllegalArgumentException if the bytes are not a signed message holding a transaction,
   *     or the key or signature is malformed; the message says which
   */
  public static SignedMessage decode(byte[] bytes) {
    SignedMessageProto proto;
    CoreMessageProto core;
    try {
      proto = SignedMessageProto.parseFrom(bytes);
      core = CoreMessageProto.parseFrom(proto.getPayload());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("Not a signed message: " + e.getMessage(), e);
    }
    if (!core.hasAnyTx()) {
      throw new IllegalArgumentException("The signed message does not hold a transaction");
    }
    if (!proto.hasAuthor() || !proto.hasSignature()) {
      throw new IllegalArgumentException("The signed message lacks its author or signature");
    }
    // The signature covers the payload only, and a transaction is known by the hash of all its
    // bytes: another encoding of the same parts (fields repeated or reordered, unknown fields)
    // would be the same signed transaction under a new hash, and could be executed again.
    byte[] canonical =
        SignedMessageProto.newBuilder()
            .setPayload(proto.getPayload())
            .setAuthor(PublicKey.fromProto(proto.getAuthor()).toProto())
            .setSignature(Signature.fromProto(proto.getSignature()).toProto())
            .build()
            .toByteArray();
    if (!java.util.Arrays.equals(canonical, bytes)) {
      throw new IllegalArgumentException(
          "The signed message is not in its canonical encoding (payload, author, signature, each"
              + " once and in that order, nothing else); encode it as SignedMessageProto does");
    }
    return new SignedMessage(
        bytes.clone(),
        proto,
        core.getAnyTx(),
        PublicKey.fromProto(proto.getAuthor()),
        Signature.fromProto(proto.getSignature()));
  }

  /** Signs {@code transaction} with {@code keys}. */
  public static SignedTransaction sign(KeyPair keys, AnyTxProto transaction) {
    byte[] payload = CoreMessageProto.newBuilder().setAnyTx(transaction).build().toByteArray();
    Signature signature = Ed25519.sign(keys, payload);
    SignedMessageProto proto =
        SignedMessageProto.newBuilder()
            .setPayload(ByteString.copyFrom(payload))
            .setAuthor(keys.publicKey().toProto())
            .setSignature(signature.toProto())
            .build();
    byte[] bytes = proto.toByteArray();
    return new SignedTransaction(Hash.sha256(bytes), keys.publicKey(), transaction, bytes);
  }

  /** The claimed author. */
  public PublicKey author() {
    return author;
  }

  /** The transaction, not yet authenticated. */
  public AnyTxProto transaction() {
    return transaction;
  }

  /** The hash that identifies the transaction: SHA-256 of the serialized signed message. */
  public Hash hash() {
    return Hash.sha256(bytes);
  }

  /**
   * Checks the signature.
   *
   * @throws IllegalArgumentException if the signature does not match the author and payload
   */
  public SignedTransaction verify() {
    return checked(Ed25519.verify(author, proto.getPayload().toByteArray(), signature));
  }

  /**
   * Checks the signature as {@link #verify()} does, with the decoded public keys that {@code keys}
   * keeps: for a verifier that sees the same authors many times, such as a transaction pool.
   *
   * @throws IllegalArgumentException if the signature does not match the author and payload
   */
  public SignedTransaction verify(VerifyingKeys keys) {
    return checked(keys.verify(author, proto.getPayload().toByteArray(), signature));
  }

  private SignedTransaction checked(boolean valid) {
    if (!valid) {
      throw new IllegalArgumentException(
          "The signature does not match the transaction and its author " + author);
    }
    return new SignedTransaction(hash(), author, transaction, bytes);
  }
}
