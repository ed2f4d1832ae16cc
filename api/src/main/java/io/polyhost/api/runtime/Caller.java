package io.polyhost.api.runtime;

import com.google.protobuf.Empty;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proto.CallerProto;

/**
 * Who made a call: the author of a signed transaction, another service (a child call), or the
 * blockchain itself (hooks and the constructors of builtin services).
 */
public sealed interface Caller {
  /** A transaction signed by {@code author}. */
  record Transaction(PublicKey author) implements Caller {}

  /** A child call from the service instance {@code instanceId}. */
  record Service(int instanceId) implements Caller {}

  /** The blockchain itself. */
  enum Blockchain implements Caller {
    /** The only value. */
    INSTANCE
  }

  /** Whether this is a child call from the supervisor (instance 0). */
  default boolean isSupervisor() {
    return this instanceof Service s && s.instanceId() == 0;
  }

  /**
   * A uniform account address for any kind of caller: the SHA-256 of the protobuf form, so a
   * service can key balances by caller without caring what kind it is.
   */
  default Hash address() {
    return Hash.sha256(toProto().toByteArray());
  }

  /** The protobuf form. */
  default CallerProto toProto() {
    return switch (this) {
      case Transaction t ->
          CallerProto.newBuilder().setTransactionAuthor(t.author().toProto()).build();
      case Service s -> CallerProto.newBuilder().setInstanceId(s.instanceId()).build();
      case Blockchain b ->
          CallerProto.newBuilder().setBlockchain(Empty.getDefaultInstance()).build();
    };
  }

  /**
   * Reads the protobuf form.
   *
   * @throws IllegalArgumentException if no caller is set or the key is malformed
   */
  static Caller fromProto(CallerProto proto) {
    return switch (proto.getCallerCase()) {
      case TRANSACTION_AUTHOR -> new Transaction(PublicKey.fromProto(proto.getTransactionAuthor()));
      case INSTANCE_ID -> new Service(proto.getInstanceId());
      case BLOCKCHAIN -> Blockchain.INSTANCE;
      case CALLER_NOT_SET -> throw new IllegalArgumentException("The caller is not set");
    };
  }
}
