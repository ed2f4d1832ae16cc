package io.polyhost.api.blockchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proof.ProofVerificationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockProofTest {
  private final List<KeyPair> validators = Blocks.validators(4);
  private final List<PublicKey> keys = Blocks.keys(validators);
  private final Block block = Blocks.block(9);

  @Test
  void quorumIsMoreThanTwoThirds() {
    assertThat(BlockProof.quorum(1)).isEqualTo(1);
    assertThat(BlockProof.quorum(2)).isEqualTo(2);
    assertThat(BlockProof.quorum(3)).isEqualTo(3);
    assertThat(BlockProof.quorum(4)).isEqualTo(3);
    assertThat(BlockProof.quorum(7)).isEqualTo(5);
    assertThat(BlockProof.quorum(100)).isEqualTo(67);
    assertThatThrownBy(() -> BlockProof.quorum(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aQuorumOfValidPrecommitsVerifies() {
    assertThat(new BlockProof(block, Blocks.certify(block, validators, 0, 1, 2)).verify(keys))
        .isEqualTo(block);
    assertThat(new BlockProof(block, Blocks.certify(block, validators, 3, 1, 0, 2)).verify(keys))
        .isEqualTo(block);
    List<KeyPair> single = Blocks.validators(1);
    assertThat(new BlockProof(block, Blocks.certify(block, single, 0)).verify(Blocks.keys(single)))
        .isEqualTo(block);
  }

  @Test
  void rejectsTooFewPrecommits() {
    assertRejected(Blocks.certify(block, validators, 0, 2), "Only 2 of 4 validators");
    assertRejected(Blocks.certify(block, validators), "Only 0 of 4 validators");
  }

  @Test
  void rejectsDuplicatePrecommits() {
    assertRejected(Blocks.certify(block, validators, 0, 1, 1), "repeats validator 1");
  }

  @Test
  void rejectsUnknownValidators() {
    KeyPair outsider = Blocks.validators(5).get(4);
    List<Precommit> precommits =
        new ArrayList<>(Blocks.certify(block, validators, 0, 1).precommits());
    precommits.add(Precommit.sign(outsider, 4, block.height(), block.hash()));
    assertRejected(BlockCertificate.of(block, precommits), "names an unknown validator");
    precommits.set(2, Precommit.sign(outsider, 2, block.height(), block.hash()));
    assertRejected(BlockCertificate.of(block, precommits), "not that validator's consensus key");
    precommits.set(2, Precommit.sign(validators.get(3), 2, block.height(), block.hash()));
    assertRejected(BlockCertificate.of(block, precommits), "not that validator's consensus key");
  }

  @Test
  void rejectsPrecommitsForAnotherHeightOrBlock() {
    List<Precommit> precommits =
        new ArrayList<>(Blocks.certify(block, validators, 0, 1).precommits());
    precommits.add(Precommit.sign(validators.get(2), 2, block.height() + 1, block.hash()));
    assertRejected(BlockCertificate.of(block, precommits), "is for height 10, not the block's 9");
    Hash other = Blocks.block(10).hash();
    precommits.set(2, Precommit.sign(validators.get(2), 2, block.height(), other));
    assertRejected(BlockCertificate.of(block, precommits), "endorses block " + other);
  }

  @Test
  void rejectsACertificateOfAnotherBlock() {
    Block other = Blocks.block(10);
    BlockCertificate forOther = Blocks.certify(other, validators, 0, 1, 2);
    assertRejected(forOther, "certificate is for height 10");
    BlockCertificate wrongHash =
        new BlockCertificate(block.height(), other.hash(), forOther.precommits());
    assertRejected(wrongHash, "the block hashes to " + block.hash());
  }

  @Test
  void rejectsATamperedBlock() {
    BlockCertificate certificate = Blocks.certify(block, validators, 0, 1, 2);
    Block tampered =
        new Block(
            block.proposerId(),
            block.height(),
            block.txCount(),
            block.prevHash(),
            block.txHash(),
            Hash.zero(),
            block.errorHash(),
            block.additionalHeaders(),
            block.time());
    assertThatThrownBy(() -> new BlockProof(tampered, certificate).verify(keys))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("the block hashes to " + tampered.hash());
  }

  @Test
  void rejectsAFlippedSignatureBit() {
    BlockCertificate good = Blocks.certify(block, validators, 0, 1, 2);
    for (int bit : new int[] {0, 77, 511}) {
      var proto = good.toProto().toBuilder();
      var precommit = proto.getPrecommits(1).toBuilder();
      byte[] signature = precommit.getSignature().getData().toByteArray();
      signature[bit / 8] ^= (byte) (1 << (bit % 8));
      precommit.getSignatureBuilder().setData(com.google.protobuf.ByteString.copyFrom(signature));
      proto.setPrecommits(1, precommit);
      assertRejected(
          BlockCertificate.fromProto(proto.build()),
          "Precommit #1 (validator 1) has an invalid signature");
    }
  }

  @Test
  void rejectsAnEmptyValidatorList() {
    BlockProof proof = new BlockProof(block, Blocks.certify(block, validators, 0, 1, 2));
    assertThatThrownBy(() -> proof.verify(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one validator");
  }

  private void assertRejected(BlockCertificate certificate, String message) {
    assertThatThrownBy(() -> new BlockProof(block, certificate).verify(keys))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining(message);
  }
}
