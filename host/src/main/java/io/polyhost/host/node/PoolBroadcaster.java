package io.polyhost.host.node;

import com.google.protobuf.ByteString;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.CallInfoProto;
import io.polyhost.api.runtime.Broadcaster;
import io.polyhost.host.pool.Admission;
import io.polyhost.host.pool.TransactionPool;

/** Signs service transactions with the node's service key and submits them to the local pool. */
final class PoolBroadcaster implements Broadcaster {
  private final KeyPair serviceKeys;
  private final TransactionPool pool;

  PoolBroadcaster(KeyPair serviceKeys, TransactionPool pool) {
    this.serviceKeys = serviceKeys;
    this.pool = pool;
  }

  @Override
  public PublicKey serviceKey() {
    return serviceKeys.publicKey();
  }

  /** A call of {@code methodId} on {@code instanceId} signed with {@code keys}. */
  static SignedTransaction sign(KeyPair keys, int instanceId, int methodId, byte[] arguments) {
    AnyTxProto tx =
        AnyTxProto.newBuilder()
            .setCallInfo(CallInfoProto.newBuilder().setInstanceId(instanceId).setMethodId(methodId))
            .setArguments(ByteString.copyFrom(arguments))
            .build();
    return SignedMessage.sign(keys, tx);
  }

  @Override
  public Hash broadcast(int instanceId, int methodId, byte[] arguments) {
    SignedTransaction signed = sign(serviceKeys, instanceId, methodId, arguments);
    Admission admission = pool.submitAndWait(signed.bytes());
    if (admission instanceof Admission.Rejected rejected) {
      throw new IllegalStateException(
          "The pool refused this node's transaction " + signed.hash() + ": " + rejected);
    }
    return signed.hash();
  }
}
