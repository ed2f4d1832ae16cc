package io.polyhost.api.message;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proto.AnyTxProto;
import java.util.Objects;

/**
 * A transaction whose signature has been checked (or that this process signed itself).
 *
 * @param hash SHA-256 of {@code bytes}; identifies the transaction
 * @param author the key that signed it
 * @param transaction the call: target instance, method and arguments
 * @param bytes the serialized signed message, as stored in blocks
 */
public record SignedTransaction(Hash hash, PublicKey author, AnyTxProto transaction, byte[] bytes) {
  /** Checks the parts. */
  public SignedTransaction {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(bytes, "bytes");
  }

  /** The target instance id. */
  public int instanceId() {
    return transaction.getCallInfo().getInstanceId();
  }

  /** A copy of the serialized signed message. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The size of the serialized signed message. */
  public int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedTransaction t && t.hash.equals(hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "SignedTransaction[" + hash + " by " + author + "]";
  }
}
