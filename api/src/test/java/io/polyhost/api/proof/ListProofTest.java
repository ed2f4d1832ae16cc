package io.polyhost.api.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.Serializers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** List proofs built by hand from the hashing primitives, without any storage. */
class ListProofTest {
  private static final byte[] A = bytes("a");
  private static final byte[] B = bytes("b");
  private static final byte[] C = bytes("c");
  // The tree of [a, b, c]: root = branch(branch(ha, hb), branch(hc)).
  private static final Hash AB = Hashing.listBranch(Hashing.value(A), Hashing.value(B));
  private static final Hash C_ALONE = Hashing.listBranch(Hashing.value(C));
  private static final Hash LIST_ABC = Hashing.list(3, Hashing.listBranch(AB, C_ALONE));

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theLastElementOfThreeIsProvenByOneSibling() {
    ListProof proof =
        new ListProof(3, List.of(new ListProofEntry(2, C)), List.of(new ListProofNode(1, 0, AB)));
    VerifiedListProof verified = proof.verifyRange(LIST_ABC, 2, 3);
    assertThat(verified.length()).isEqualTo(3);
    assertThat(verified.values(Serializers.string())).containsExactly(Map.entry(2L, "c"));
  }

  @Test
  void theFirstElementNeedsASiblingOnEachLevel() {
    ListProof proof =
        new ListProof(
            3,
            List.of(new ListProofEntry(0, A)),
            List.of(new ListProofNode(0, 1, Hashing.value(B)), new ListProofNode(1, 1, C_ALONE)));
    assertThat(proof.verifyRange(LIST_ABC, 0, 1).entries())
        .containsExactly(new ListProofEntry(0, A));
  }

  @Test
  void theWholeListNeedsNoNodesAndAnAbsenceProofOnlyTheRoot() {
    List<ListProofEntry> all =
        List.of(new ListProofEntry(0, A), new ListProofEntry(1, B), new ListProofEntry(2, C));
    assertThat(new ListProof(3, all, List.of()).verifyRange(LIST_ABC, 0, 3).entries()).hasSize(3);
    ListProof absence =
        new ListProof(
            3, List.of(), List.of(new ListProofNode(2, 0, Hashing.listBranch(AB, C_ALONE))));
    assertThat(absence.verifyRange(LIST_ABC, 3, 4).length()).isEqualTo(3);
  }

  @Test
  void oneElementAndEmptyListsFollowTheScheme() {
    Hash single = Hashing.list(1, Hashing.value(A));
    assertThat(
            new ListProof(1, List.of(new ListProofEntry(0, A)), List.of()).verify(single).length())
        .isEqualTo(1);
    Hash empty = Hashing.list(0, Hash.zero());
    assertThat(new ListProof(0, List.of(), List.of()).verifyRange(empty, 0, 5).entries()).isEmpty();
    assertThatThrownBy(() -> new ListProof(0, List.of(), List.of()).verify(single))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("for a list of 0 elements");
  }

  @Test
  void malformedPartsAreRejectedOnConstruction() {
    assertThatThrownBy(() -> new ListProof(-1, List.of(), List.of()))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessage("List proof has negative length -1");
    assertThatThrownBy(() -> new ListProofEntry(-2, A))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessage("List proof entry has negative position -2");
    assertThatThrownBy(() -> new ListProofNode(64, 0, AB))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("height 64");
    assertThatThrownBy(() -> new ListProofNode(0, -1, AB))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("negative position -1");
    assertThatThrownBy(() -> new ListProof(3, List.of(), List.of(new ListProofNode(2, 1, AB))))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining(
            "outside the tree of a list of 3 elements, whose level 2 has 1 node(s)");
  }

  @Test
  void verifyRangeChecksItsArguments() {
    ListProof proof =
        new ListProof(3, List.of(new ListProofEntry(2, C)), List.of(new ListProofNode(1, 0, AB)));
    assertThatThrownBy(() -> proof.verifyRange(LIST_ABC, -1, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> proof.verifyRange(LIST_ABC, 3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[3, 2)");
  }

  @Test
  void entriesAreImmutableAndComparedByContent() {
    byte[] value = bytes("x");
    ListProofEntry entry = new ListProofEntry(4, value);
    value[0] = 'y';
    entry.value()[0] = 'z';
    assertThat(entry.value()).isEqualTo(bytes("x"));
    assertThat(entry)
        .isEqualTo(new ListProofEntry(4, bytes("x")))
        .hasSameHashCodeAs(new ListProofEntry(4, bytes("x")));
    assertThat(entry).isNotEqualTo(new ListProofEntry(5, bytes("x")));
  }

  @Test
  void valuesThatDoNotDecodeNameTheirPosition() {
    byte[] notUtf8 = {(byte) 0xff};
    ListProof proof = new ListProof(1, List.of(new ListProofEntry(0, notUtf8)), List.of());
    VerifiedListProof verified = proof.verify(Hashing.list(1, Hashing.value(notUtf8)));
    assertThatThrownBy(() -> verified.values(Serializers.string()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position 0 does not decode");
  }
}
