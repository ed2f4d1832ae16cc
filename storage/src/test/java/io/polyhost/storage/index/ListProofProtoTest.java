package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.ListProof;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.proto.ListProofEntryProto;
import io.polyhost.api.proto.ListProofNodeProto;
import io.polyhost.api.proto.ListProofProto;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.MemoryRawIndex;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The wire form of list proofs: exact round trips, and malformed messages rejected on reading. */
class ListProofProtoTest {
  private final ProofListIndexView<byte[]> list =
      ListFixtures.fill(
          new ProofListIndexView<>(
              new MemoryRawIndex("test.proof_list", IndexType.PROOF_LIST), Serializers.bytes()),
          13);
  private final Hash hash = list.objectHash();
  private final ListProofProto genuine = list.rangeProof(3, 9).toProto();

  @Test
  void proofsSurviveTheWireExactly() throws InvalidProtocolBufferException {
    List<ListProof> proofs =
        List.of(
            list.proof(0),
            list.proof(12),
            list.rangeProof(3, 9),
            list.rangeProof(0, 13),
            list.proof(13),
            list.rangeProof(20, 30));
    for (ListProof proof : proofs) {
      byte[] wire = proof.toProto().toByteArray();
      ListProof received = ListProof.fromProto(ListProofProto.parseFrom(wire));
      assertThat(received).isEqualTo(proof);
      assertThat(received.toProto().toByteArray()).as("canonical re-encoding").isEqualTo(wire);
      assertThat(received.verify(hash).entries()).isEqualTo(proof.entries());
    }
    ListProof empty =
        new ProofListIndexView<>(
                new MemoryRawIndex("test.empty", IndexType.PROOF_LIST), Serializers.bytes())
            .proof(0);
    assertThat(empty.toProto().toByteArray()).as("an empty list's proof is empty").isEmpty();
    assertThat(ListProof.fromProto(ListProofProto.getDefaultInstance())).isEqualTo(empty);
  }

  @Test
  void aSingleElementProofIsCompact() {
    ListProof proof = list.proof(5);
    int siblings = proof.nodes().size();
    // Length 2 bytes; entry 6 bytes of framing; per node 32 hash bytes and at most 8 of framing.
    assertThat(proof.toProto().getSerializedSize())
        .isLessThanOrEqualTo(2 + 6 + proof.entries().getFirst().value().length + siblings * 40);
  }

  @Test
  void numbersBeyondTheJavaRangeAreRejected() {
    assertMalformed(m -> m.setLength(-1), "length is 18446744073709551615, which exceeds 2^63 - 1");
    assertMalformed(
        m -> m.setEntries(0, m.getEntries(0).toBuilder().setPosition(Long.MIN_VALUE)),
        "entry #0 position is 9223372036854775808");
    assertMalformed(
        m -> m.setNodes(0, m.getNodes(0).toBuilder().setPosition(-5)),
        "node #0 position is 18446744073709551611");
    assertMalformed(m -> m.setNodes(0, m.getNodes(0).toBuilder().setHeight(64)), "height 64;");
    assertMalformed(
        m -> m.setNodes(0, m.getNodes(0).toBuilder().setHeight(-1)), "height 4294967295;");
  }

  @Test
  void hashesOfTheWrongSizeAreRejected() {
    for (int size : new int[] {0, 1, 31, 33, 64}) {
      assertMalformed(
          m ->
              m.setNodes(1, m.getNodes(1).toBuilder().setHash(ByteString.copyFrom(new byte[size]))),
          "node #1 has a hash of " + size + " bytes; a hash is 32 bytes");
    }
  }

  @Test
  void partsThatDoNotFitTogetherAreRejected() {
    assertMalformed(m -> m.setEntries(0, m.getEntries(1)), "strictly increasing positions");
    assertMalformed(
        m -> m.addEntries(ListProofEntryProto.newBuilder().setPosition(13)),
        "entry #6 is at position 13, beyond the end of a list of 13 elements");
    assertMalformed(
        m -> m.setNodes(0, m.getNodes(1)), "ordered by height, then position, without repeats");
    assertMalformed(
        m -> m.addNodes(node(4, 1)),
        "node #" + genuine.getNodesCount() + " at (height 4, position 1) is outside the tree");
    assertMalformed(
        m -> m.clearEntries().setLength(0),
        "node #0 at (height 0, position 2) is outside the tree of a list of 0 elements");
    assertMalformed(m -> m.addNodes(0, node(0, 1)), "is not needed", true);
    assertMalformed(
        m -> m.removeNodes(0), "lacks the hash of the node at (height 0, position 2)", true);
  }

  @Test
  void bytesThatAreNotAProtobufMessageFailToParse() {
    byte[] wire = genuine.toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(wire, wire.length - 5);
    assertThatThrownBy(() -> ListProofProto.parseFrom(truncated))
        .isInstanceOf(InvalidProtocolBufferException.class);
  }

  private static ListProofNodeProto node(int height, long position) {
    return ListProofNodeProto.newBuilder()
        .setHeight(height)
        .setPosition(position)
        .setHash(ByteString.copyFrom(new byte[Hash.SIZE]))
        .build();
  }

  private void assertMalformed(UnaryOperator<ListProofProto.Builder> change, String message) {
    assertMalformed(change, message, false);
  }

  /** Either reading rejects the message, or (when {@code onVerify}) verifying it does. */
  private void assertMalformed(
      UnaryOperator<ListProofProto.Builder> change, String message, boolean onVerify) {
    ListProofProto malformed = change.apply(genuine.toBuilder()).build();
    if (onVerify) {
      ListProof read = ListProof.fromProto(malformed);
      assertThatThrownBy(() -> read.verify(hash))
          .isInstanceOf(ProofVerificationException.class)
          .hasMessageContaining(message);
    } else {
      assertThatThrownBy(() -> ListProof.fromProto(malformed))
          .isInstanceOf(ProofVerificationException.class)
          .hasMessageContaining(message);
    }
  }
}
