package io.polyhost.benchmarks.load;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.CallInfoProto;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Signed calls of the Java example wallet ({@code artifacts/java/wallet}, artifact {@code
 * 1:wallet:1.0.0}): {@code create} (id 0), {@code issue} (1) and {@code transfer} (2).
 *
 * <p>The arguments are encoded here field by field, as the wallet's {@code wallet.proto} defines
 * them, so the generator does not put the artifact's own classes on its class path.
 */
final class WalletTxs {
  static final String ARTIFACT = "1:wallet:1.0.0";
  private static final int CREATE = 0;
  private static final int ISSUE = 1;
  private static final int TRANSFER = 2;

  private final int instanceId;

  WalletTxs(int instanceId) {
    this.instanceId = instanceId;
  }

  /** {@code CreateWallet{name}}. */
  SignedTransaction create(KeyPair owner, String name) {
    return sign(owner, CREATE, fields(out -> out.writeString(1, name)));
  }

  /** {@code Issue{amount, seed}}. */
  SignedTransaction issue(KeyPair owner, long amount, long seed) {
    return sign(
        owner,
        ISSUE,
        fields(out -> {
          out.writeUInt64(1, amount);
          out.writeUInt64(2, seed);
        }));
  }

  /** {@code Transfer{to, amount, seed}}; {@code to} is a {@code PublicKeyProto{data}}. */
  SignedTransaction transfer(KeyPair from, PublicKey to, long amount, long seed) {
    return sign(
        from,
        TRANSFER,
        fields(out -> {
          out.writeMessage(1, to.toProto());
          out.writeUInt64(2, amount);
          out.writeUInt64(3, seed);
        }));
  }

  private SignedTransaction sign(KeyPair keys, int method, byte[] arguments) {
    AnyTxProto call =
        AnyTxProto.newBuilder()
            .setCallInfo(CallInfoProto.newBuilder().setInstanceId(instanceId).setMethodId(method))
            .setArguments(ByteString.copyFrom(arguments))
            .build();
    return SignedMessage.sign(keys, call);
  }

  private interface FieldWriter {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] fields(FieldWriter writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      writer.write(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Writing to memory failed", e);
    }
    return bytes.toByteArray();
  }

  /** A wallet name that says which run and which wallet it is. */
  static String name(long run, int index) {
    return "load-" + Long.toHexString(run) + "-" + index;
  }
}
