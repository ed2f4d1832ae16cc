package io.polyhost.api.blockchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.BlockCertificateProto;
import io.polyhost.api.proto.CoreMessageProto;
import io.polyhost.api.proto.PrecommitProto;
import io.polyhost.api.proto.SignedMessageProto;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrecommitTest {
  private final List<KeyPair> validators = Blocks.validators(2);
  private final Block block = Blocks.block(5);
  private final Precommit precommit =
      Precommit.sign(validators.get(1), 1, block.height(), block.hash());

  @Test
  void signsAPrecommitCoreMessage() throws Exception {
    SignedMessageProto signed = precommit.toProto();
    PrecommitProto inside = CoreMessageProto.parseFrom(signed.getPayload()).getPrecommit();
    assertThat(inside.getValidator()).isEqualTo(1);
    assertThat(inside.getHeight()).isEqualTo(5);
    assertThat(inside.getBlockHash()).isEqualTo(block.hash().toProto());
    assertThat(precommit.hasValidSignature()).isTrue();
    assertThat(precommit.author()).isEqualTo(validators.get(1).publicKey());
  }

  @Test
  void roundTripsThroughProtoWithTheSignedBytes() {
    Precommit back = Precommit.fromProto(precommit.toProto());
    assertThat(back).isEqualTo(precommit);
    assertThat(back.hasValidSignature()).isTrue();
    assertThat(back.blockHash()).isEqualTo(block.hash());
    BlockCertificate certificate = BlockCertificate.of(block, List.of(precommit));
    assertThat(BlockCertificate.fromProto(certificate.toProto())).isEqualTo(certificate);
  }

  @Test
  void aFlippedPayloadBitBreaksTheSignatureOrTheDecoding() {
    byte[] payload = precommit.toProto().getPayload().toByteArray();
    for (int bit = 0; bit < payload.length * 8; bit++) {
      byte[] tampered = payload.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      SignedMessageProto proto =
          precommit.toProto().toBuilder().setPayload(ByteString.copyFrom(tampered)).build();
      Precommit decoded;
      try {
        decoded = Precommit.fromProto(proto);
      } catch (IllegalArgumentException e) {
        continue; // also a rejection
      }
      assertThat(decoded.hasValidSignature()).as("bit %d", bit).isFalse();
    }
  }

  @Test
  void rejectsMessagesThatAreNotPrecommits() throws Exception {
    SignedMessageProto tx =
        SignedMessageProto.parseFrom(
            SignedMessage.sign(validators.get(0), AnyTxProto.getDefaultInstance()).bytes());
    assertThatThrownBy(() -> Precommit.fromProto(tx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds a ANY_TX, not a precommit");
    assertThatThrownBy(
            () -> Precommit.fromProto(precommit.toProto().toBuilder().clearSignature().build()))
        .hasMessageContaining("lacks its author or signature");
    SignedMessageProto noHash =
        precommit.toProto().toBuilder()
            .setPayload(
                CoreMessageProto.newBuilder()
                    .setPrecommit(PrecommitProto.newBuilder().setHeight(1))
                    .build()
                    .toByteString())
            .build();
    assertThatThrownBy(() -> Precommit.fromProto(noHash))
        .hasMessageContaining("lacks its 'block_hash' field");
    BlockCertificateProto certificate =
        BlockCertificate.of(block, List.of(precommit)).toProto().toBuilder()
            .addPrecommits(noHash)
            .build();
    assertThatThrownBy(() -> BlockCertificate.fromProto(certificate))
        .hasMessageContaining("Precommit #1 of the certificate is malformed");
    assertThatThrownBy(() -> Precommit.sign(validators.get(0), -1, 0, block.hash()))
        .hasMessageContaining("non-negative");
  }
}
