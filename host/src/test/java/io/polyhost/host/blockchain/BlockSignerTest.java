package io.polyhost.host.blockchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.polyhost.api.blockchain.AdditionalHeaders;
import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.BlockCertificate;
import io.polyhost.api.blockchain.BlockProof;
import io.polyhost.api.blockchain.Precommit;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BlockSignerTest {
  private final List<KeyPair> validators =
      IntStream.range(0, 4)
          .mapToObj(i -> {
            byte[] seed = new byte[32];
            seed[5] = (byte) (i + 1);
            return KeyPair.fromSeed(seed);
          })
          .toList();
  private final List<PublicKey> keys = validators.stream().map(KeyPair::publicKey).toList();
  private final Block block =
      new Block(
          2,
          8,
          0,
          Hash.sha256(new byte[] {1}),
          Hash.zero(),
          Hash.sha256(new byte[] {2}),
          Hash.zero(),
          AdditionalHeaders.empty(),
          Instant.parse("2025-01-01T00:00:00Z"));

  @Test
  void aSingleValidatorCertifiesAlone() {
    KeyPair only = validators.get(0);
    BlockCertificate certificate =
        BlockSigner.of(List.of(only.publicKey()), only).certifyAlone(block);
    assertThat(new BlockProof(block, certificate).verify(List.of(only.publicKey())))
        .isEqualTo(block);
    assertThatThrownBy(() -> new BlockProof(block, certificate).verify(keys))
        .hasMessageContaining("Only 1 of 4");
  }

  @Test
  void gathersPrecommitsInValidatorOrder() {
    List<Precommit> precommits =
        List.of(signer(3).sign(block), signer(0).sign(block), signer(2).sign(block));
    BlockCertificate certificate = BlockSigner.certificate(block, precommits);
    assertThat(certificate.precommits()).extracting(Precommit::validator).containsExactly(0, 2, 3);
    assertThat(new BlockProof(block, certificate).verify(keys)).isEqualTo(block);
    assertThat(BlockSigner.of(keys, validators.get(2)).validator()).isEqualTo(2);
  }

  @Test
  void refusesPrecommitsThatDoNotBelong() {
    Block other =
        new Block(
            2,
            9,
            0,
            block.hash(),
            Hash.zero(),
            Hash.zero(),
            Hash.zero(),
            AdditionalHeaders.empty().with("x", ByteString.EMPTY),
            block.time());
    assertThatThrownBy(() -> BlockSigner.certificate(block, List.of(signer(0).sign(other))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not for block " + block.hash());
    assertThatThrownBy(() ->
            BlockSigner.certificate(block, List.of(signer(1).sign(block), signer(1).sign(block))))
        .hasMessageContaining("Validator 1 precommitted twice");
    Precommit forged =
        Precommit.fromProto(
            signer(1).sign(block).toProto().toBuilder()
                .setAuthor(validators.get(0).publicKey().toProto())
                .build());
    assertThatThrownBy(() -> BlockSigner.certificate(block, List.of(forged)))
        .hasMessageContaining("has an invalid signature");
    assertThatThrownBy(() -> BlockSigner.of(keys.subList(0, 2), validators.get(3)))
        .hasMessageContaining("is not a validator's consensus key");
    assertThatThrownBy(() -> new BlockSigner(-1, validators.get(0)))
        .hasMessageContaining("negative");
  }

  private BlockSigner signer(int i) {
    return new BlockSigner(i, validators.get(i));
  }
}
