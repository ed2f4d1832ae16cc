package io.polyhost.client;

import com.google.protobuf.ByteString;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.CallInfoProto;

/** Builds signed transactions: a call of one method of one service instance, with arguments. */
public final class Transactions {
  private Transactions() {}

  /**
   * Signs a call of method {@code methodId} of instance {@code instanceId} with {@code arguments}.
   *
   * <p>Two calls with the same keys, target and arguments give the same transaction (Ed25519
   * signatures are deterministic), which the node accepts once; put something unique (a nonce, a
   * timestamp) into the arguments of calls meant to run more than once.
   *
   * @throws IllegalArgumentException if an id is negative
   */
  public static SignedTransaction sign(
      KeyPair keys, int instanceId, int methodId, byte[] arguments) {
    if (instanceId < 0 || methodId < 0) {
      throw new IllegalArgumentException(
          "Instance and method ids are non-negative; got " + instanceId + " and " + methodId);
    }
    AnyTxProto call =
        AnyTxProto.newBuilder()
            .setCallInfo(CallInfoProto.newBuilder().setInstanceId(instanceId).setMethodId(methodId))
            .setArguments(ByteString.copyFrom(arguments))
            .build();
    return SignedMessage.sign(keys, call);
  }
}
