package io.polyhost.testkit;

import com.google.protobuf.ByteString;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.CallInfoProto;
import io.polyhost.api.proto.ServiceInterfaceProto;
import java.util.stream.Collectors;

/** Signing transactions and finding a method's id by name in a published interface. */
final class Transactions {
  private Transactions() {}

  static SignedTransaction sign(KeyPair author, int instanceId, int methodId, byte[] arguments) {
    AnyTxProto tx =
        AnyTxProto.newBuilder()
            .setCallInfo(CallInfoProto.newBuilder().setInstanceId(instanceId).setMethodId(methodId))
            .setArguments(ByteString.copyFrom(arguments))
            .build();
    return SignedMessage.sign(author, tx);
  }

  /**
   * The id of the method named {@code method} in {@code published}.
   *
   * @throws IllegalArgumentException naming the methods there are, if there is none of that name
   */
  static int methodId(String service, ServiceInterfaceProto published, String method) {
    return published.getMethodsList().stream()
        .filter(m -> m.getName().equals(method))
        .findFirst()
        .map(ServiceInterfaceProto.MethodProto::getId)
        .orElseThrow(() ->
            new IllegalArgumentException(
                "Service '"
                    + service
                    + "' has no transaction named '"
                    + method
                    + "'; it has: "
                    + published.getMethodsList().stream()
                        .map(m -> m.getName() + " (" + m.getId() + ")")
                        .collect(Collectors.joining(", "))));
  }
}
