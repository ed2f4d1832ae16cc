package io.polyhost.host.node;

import com.google.protobuf.ByteString;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.CallInfoProto;
import java.nio.ByteBuffer;

/** Signed transactions for node tests, each by its own key so none repeats. */
final class TestTransactions {
  private TestTransactions() {}

  static SignedTransaction signed(int nonce, int instanceId, int methodId) {
    byte[] seed = ByteBuffer.allocate(32).putInt(nonce).putInt(11).array();
    AnyTxProto tx =
        AnyTxProto.newBuilder()
            .setCallInfo(CallInfoProto.newBuilder().setInstanceId(instanceId).setMethodId(methodId))
            .setArguments(ByteString.EMPTY)
            .build();
    return SignedMessage.sign(KeyPair.fromSeed(seed), tx);
  }
}
