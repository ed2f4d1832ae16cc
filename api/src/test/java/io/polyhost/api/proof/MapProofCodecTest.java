package io.polyhost.api.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proto.HashProto;
import io.polyhost.api.proto.IndexProofProto;
import io.polyhost.api.proto.MapProofEntryProto;
import io.polyhost.api.proto.MapProofNodeProto;
import io.polyhost.api.proto.MapProofProto;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapProofCodecTest {
  private static final byte[] KEY = new byte[32];
  private static final MapProof PROOF =
      new MapProof(
          MapKeyMode.RAW,
          List.of(
              MapProofEntry.missing(KEY), MapProofEntry.present(new byte[] {1}, new byte[] {2})),
          List.of(
              new MapProofNode(ProofPath.ofKey(KEY).prefix(3), Hash.sha256(new byte[] {3})),
              new MapProofNode(ProofPath.ofKey(KEY), Hash.sha256(new byte[] {4}))));

  @Test
  void roundTripsEveryField() {
    MapProofProto proto = PROOF.toProto();
    assertThat(proto.getEntries(0).getMissing()).isTrue();
    assertThat(proto.getEntries(1).getValue().toByteArray()).containsExactly(2);
    assertThat(proto.getNodes(0).getPath().toByteArray()).containsExactly(0, 3, 0);
    assertThat(MapProof.fromProto(proto, MapKeyMode.RAW)).isEqualTo(PROOF);
    assertThat(MapProof.fromProto(proto, MapKeyMode.HASHED).keyMode()).isEqualTo(MapKeyMode.HASHED);
  }

  @Test
  void rejectsEntriesWithoutState() {
    MapProofProto noState =
        PROOF.toProto().toBuilder()
            .setEntries(0, MapProofEntryProto.newBuilder().setKey(ByteString.copyFrom(KEY)))
            .build();
    assertThatThrownBy(() -> MapProof.fromProto(noState, MapKeyMode.RAW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Map proof entry 0 has neither a value nor the missing mark");
    MapProofProto notMissing =
        PROOF.toProto().toBuilder()
            .setEntries(0, MapProofEntryProto.newBuilder().setMissing(false))
            .build();
    assertThatThrownBy(() -> MapProof.fromProto(notMissing, MapKeyMode.RAW))
        .hasMessageContaining("entry 0 sets 'missing' to false");
  }

  @Test
  void rejectsMalformedPaths() {
    for (byte[] path :
        List.of(
            new byte[] {0},
            new byte[] {1, 1},
            new byte[] {0, 9, 0},
            new byte[] {0, 3, 0x10},
            new byte[] {0, 3, 0, 0})) {
      MapProofProto bad =
          PROOF.toProto().toBuilder()
              .setNodes(
                  1, PROOF.toProto().getNodes(1).toBuilder().setPath(ByteString.copyFrom(path)))
              .build();
      assertThatThrownBy(() -> MapProof.fromProto(bad, MapKeyMode.RAW))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Map proof node 1: ");
    }
  }

  @Test
  void rejectsMissingOrWrongSizedHashes() {
    MapProofNodeProto node = PROOF.toProto().getNodes(0);
    MapProofProto noHash =
        PROOF.toProto().toBuilder().setNodes(0, node.toBuilder().clearHash()).build();
    assertThatThrownBy(() -> MapProof.fromProto(noHash, MapKeyMode.RAW))
        .hasMessage("Map proof node 0 has no hash");
    MapProofProto shortHash =
        PROOF.toProto().toBuilder()
            .setNodes(
                0,
                node.toBuilder()
                    .setHash(HashProto.newBuilder().setData(ByteString.copyFrom(new byte[31]))))
            .build();
    assertThatThrownBy(() -> MapProof.fromProto(shortHash, MapKeyMode.RAW))
        .hasMessage("Map proof node 0 has a hash of 31 bytes, not 32");
  }

  @Test
  void indexProofNeedsItsAggregatorProofAndHashedKeys() {
    assertThatThrownBy(
            () -> IndexProof.fromProto(IndexProofProto.newBuilder().setIndexName("a.b").build()))
        .hasMessage("Index proof for 'a.b' has no aggregator proof");
    assertThatThrownBy(() -> new IndexProof("a.b", PROOF))
        .hasMessageContaining("hashed-key map; got a RAW proof");
    IndexProof proof = new IndexProof("a.b", new MapProof(MapKeyMode.HASHED, List.of(), List.of()));
    assertThat(IndexProof.fromProto(proof.toProto())).isEqualTo(proof);
  }

  @Test
  void entriesAreImmutableValues() {
    byte[] value = {7};
    MapProofEntry e = MapProofEntry.present(KEY, value);
    value[0] = 8;
    e.value().orElseThrow()[0] = 9;
    e.key()[0] = 9;
    assertThat(e).isEqualTo(MapProofEntry.present(new byte[32], new byte[] {7}));
    assertThat(e).isNotEqualTo(MapProofEntry.missing(new byte[32]));
    assertThat(e.toString()).endsWith(" = 07");
  }
}
