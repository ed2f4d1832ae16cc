package io.polyhost.api.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.CallInfoProto;
import io.polyhost.api.proto.SignedMessageProto;
import org.junit.jupiter.api.Test;

class SignedMessageTest {
  private static final KeyPair KEYS = KeyPair.fromSeed(new byte[32]);
  private static final AnyTxProto TX =
      AnyTxProto.newBuilder()
          .setCallInfo(CallInfoProto.newBuilder().setInstanceId(3).setMethodId(1))
          .setArguments(ByteString.copyFromUtf8("args"))
          .build();

  @Test
  void aSignedTransactionDecodesAndVerifies() {
    SignedTransaction signed = SignedMessage.sign(KEYS, TX);
    SignedMessage decoded = SignedMessage.decode(signed.bytes());
    assertThat(decoded.author()).isEqualTo(KEYS.publicKey());
    assertThat(decoded.hash()).isEqualTo(signed.hash());
    SignedTransaction verified = decoded.verify();
    assertThat(verified).isEqualTo(signed);
    assertThat(verified.transaction()).isEqualTo(TX);
    assertThat(verified.instanceId()).isEqualTo(3);
  }

  @Test
  void aChangedPayloadFailsVerification() throws Exception {
    var proto = SignedMessageProto.parseFrom(SignedMessage.sign(KEYS, TX).bytes());
    byte[] payload = proto.getPayload().toByteArray();
    payload[payload.length - 1] ^= 1;
    byte[] tampered =
        proto.toBuilder().setPayload(ByteString.copyFrom(payload)).build().toByteArray();
    assertThatThrownBy(() -> SignedMessage.decode(tampered).verify())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signature does not match");
  }

  @Test
  void anotherAuthorFailsVerification() throws Exception {
    var other =
        KeyPair.fromSeed(
            new byte[] {
              1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
              25, 26, 27, 28, 29, 30, 31, 32
            });
    var proto = SignedMessageProto.parseFrom(SignedMessage.sign(KEYS, TX).bytes());
    byte[] forged = proto.toBuilder().setAuthor(other.publicKey().toProto()).build().toByteArray();
    assertThatThrownBy(() -> SignedMessage.decode(forged).verify())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void garbageIsRejectedWithAReason() {
    assertThatThrownBy(() -> SignedMessage.decode(new byte[] {(byte) 0xff, 0x01}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not a signed message");
    assertThatThrownBy(() -> SignedMessage.decode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not hold a transaction");
  }

  @Test
  void anotherEncodingOfTheSameSignedMessageIsRefused() throws Exception {
    byte[] bytes = SignedMessage.sign(KEYS, TX).bytes();
    // Protobuf keeps the last of a repeated field, so appending the signature again parses to the
    // same message; as a new hash it would be a replay of the same signed transaction.
    SignedMessageProto proto = SignedMessageProto.parseFrom(bytes);
    byte[] signatureField =
        SignedMessageProto.newBuilder().setSignature(proto.getSignature()).build().toByteArray();
    byte[] repeated = java.util.Arrays.copyOf(bytes, bytes.length + signatureField.length);
    System.arraycopy(signatureField, 0, repeated, bytes.length, signatureField.length);
    assertThatThrownBy(() -> SignedMessage.decode(repeated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("canonical encoding");
    byte[] unknownField = java.util.Arrays.copyOf(bytes, bytes.length + 2);
    unknownField[bytes.length] = (byte) (15 << 3);
    unknownField[bytes.length + 1] = 1;
    assertThatThrownBy(() -> SignedMessage.decode(unknownField))
        .hasMessageContaining("canonical encoding");
  }
}
