package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.proof.ListProof;
import io.polyhost.api.proof.ListProofEntry;
import io.polyhost.api.proof.ListProofNode;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.MemoryRawIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every way of tampering with a valid list proof is rejected with a {@link
 * ProofVerificationException}: each test starts from genuine proofs of several shapes and changes
 * one thing.
 */
class ListProofTamperTest {
  private static final int LENGTH = 13;
  private static final Comparator<ListProofNode> PROOF_ORDER =
      Comparator.comparingInt(ListProofNode::height).thenComparingLong(ListProofNode::position);

  /** A genuine proof and the query it answers. */
  private record Case(String name, long from, long to, ListProof proof) {}

  private final MemoryRawIndex raw = new MemoryRawIndex("test.proof_list", IndexType.PROOF_LIST);
  private final ProofListIndexView<byte[]> list =
      ListFixtures.fill(new ProofListIndexView<>(raw, Serializers.bytes()), LENGTH);
  private final Hash hash = list.objectHash();
  private final List<Case> cases =
      List.of(
          single(0),
          single(5),
          single(12),
          range(3, 9),
          range(0, LENGTH),
          range(10, 20),
          range(4, 4),
          single(LENGTH),
          single(100));
  private int rejections;

  private Case single(long index) {
    return new Case("proof(" + index + ")", index, index + 1, list.proof(index));
  }

  private Case range(long from, long to) {
    return new Case("rangeProof(" + from + ", " + to + ")", from, to, list.rangeProof(from, to));
  }

  private void assertRejected(Case c, String tampering, Supplier<ListProof> tampered) {
    assertThatThrownBy(() -> tampered.get().verifyRange(hash, c.from(), c.to()))
        .as(c.name() + ", " + tampering)
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageStartingWith("List proof");
    rejections++;
  }

  private static ListProof withEntries(ListProof p, List<ListProofEntry> entries) {
    return new ListProof(p.length(), entries, p.nodes());
  }

  private static ListProof withNodes(ListProof p, List<ListProofNode> nodes) {
    return new ListProof(p.length(), p.entries(), nodes);
  }

  @Test
  void genuineProofsVerify() {
    for (Case c : cases) {
      assertThat(c.proof().verifyRange(hash, c.from(), c.to()).length()).isEqualTo(LENGTH);
    }
  }

  @Test
  void changedValuesAreRejected() {
    for (Case c : cases) {
      List<ListProofEntry> entries = c.proof().entries();
      for (int i = 0; i < entries.size(); i++) {
        ListProofEntry e = entries.get(i);
        byte[] value = e.value();
        List<byte[]> variants = new ArrayList<>();
        variants.add(append(value, (byte) 0));
        variants.add(ListFixtures.element(e.position() + 1));
        if (value.length > 0) {
          byte[] flipped = value.clone();
          flipped[value.length - 1] ^= 1;
          variants.add(flipped);
          variants.add(new byte[0]);
        }
        for (byte[] variant : variants) {
          List<ListProofEntry> changed = new ArrayList<>(entries);
          changed.set(i, new ListProofEntry(e.position(), variant));
          assertRejected(c, "value at " + e.position(), () -> withEntries(c.proof(), changed));
        }
      }
    }
    assertThat(rejections).isGreaterThan(60);
  }

  @Test
  void aFlippedBitInAnyNodeHashIsRejected() {
    for (Case c : cases) {
      List<ListProofNode> nodes = c.proof().nodes();
      for (int i = 0; i < nodes.size(); i++) {
        ListProofNode n = nodes.get(i);
        for (int bit = 0; bit < Hash.SIZE * 8; bit++) {
          byte[] bytes = n.hash().toBytes();
          bytes[bit / 8] ^= (byte) (1 << (bit % 8));
          List<ListProofNode> changed = new ArrayList<>(nodes);
          changed.set(i, new ListProofNode(n.height(), n.position(), Hash.of(bytes)));
          assertRejected(c, "bit " + bit + " of node #" + i, () -> withNodes(c.proof(), changed));
        }
      }
    }
    assertThat(rejections).isEqualTo(totalNodes() * Hash.SIZE * 8).isGreaterThan(0);
  }

  @Test
  void droppedNodesAreRejected() {
    for (Case c : cases) {
      for (int i = 0; i < c.proof().nodes().size(); i++) {
        List<ListProofNode> fewer = new ArrayList<>(c.proof().nodes());
        fewer.remove(i);
        assertRejected(c, "node #" + i + " dropped", () -> withNodes(c.proof(), fewer));
      }
    }
    assertThat(rejections).isEqualTo(totalNodes()).isGreaterThan(0);
  }

  @Test
  void addedNodesAreRejectedEvenWithGenuineHashes() {
    ListStore store = new ListStore(raw);
    for (Case c : cases) {
      List<ListProofNode> nodes = c.proof().nodes();
      for (int height = 0; height <= ListTree.rootHeight(LENGTH); height++) {
        for (long p = 0; p < ListTree.width(height, LENGTH); p++) {
          ListProofNode extra = new ListProofNode(height, p, store.node(height, p));
          List<ListProofNode> more = new ArrayList<>(nodes);
          more.add(extra);
          more.sort(PROOF_ORDER); // A repeated coordinate stays in, as a duplicate.
          assertRejected(c, "extra node " + extra, () -> withNodes(c.proof(), more));
        }
      }
      List<ListProofNode> trailing = new ArrayList<>(nodes);
      trailing.add(new ListProofNode(ListTree.rootHeight(LENGTH), 1, Hash.zero()));
      assertRejected(c, "node beyond the tree", () -> withNodes(c.proof(), trailing));
    }
    assertThat(rejections).isGreaterThan(9 * 27);
  }

  @Test
  void reorderedNodesAreRejected() {
    for (Case c : cases) {
      List<ListProofNode> nodes = c.proof().nodes();
      for (int i = 0; i + 1 < nodes.size(); i++) {
        List<ListProofNode> swapped = new ArrayList<>(nodes);
        Collections.swap(swapped, i, i + 1);
        assertRejected(
            c,
            "nodes #" + i + " and #" + (i + 1) + " swapped",
            () -> withNodes(c.proof(), swapped));
      }
    }
    assertThat(rejections)
        .isEqualTo(totalNodes() - cases.size() + emptyNodeLists())
        .isGreaterThan(0);
  }

  @Test
  void nodesMovedToOtherCoordinatesAreRejected() {
    for (Case c : cases) {
      List<ListProofNode> nodes = c.proof().nodes();
      for (int i = 0; i < nodes.size(); i++) {
        ListProofNode n = nodes.get(i);
        int[][] moves = {{0, 1}, {0, -1}, {1, 0}, {-1, 0}, {1, -1}, {-1, 1}};
        for (int[] move : moves) {
          int index = i;
          assertRejected(
              c,
              "node #" + i + " moved by " + move[0] + "," + move[1],
              () -> {
                List<ListProofNode> moved = new ArrayList<>(nodes);
                moved.set(
                    index,
                    new ListProofNode(n.height() + move[0], n.position() + move[1], n.hash()));
                moved.sort(PROOF_ORDER);
                return withNodes(c.proof(), moved);
              });
        }
      }
    }
    assertThat(rejections).isEqualTo(totalNodes() * 6).isGreaterThan(0);
  }

  @Test
  void wrongLengthsAreRejected() {
    long[] lengths = {0, 1, 2, LENGTH - 1, LENGTH + 1, LENGTH + 3, 16, 2 * LENGTH, Long.MAX_VALUE};
    for (Case c : cases) {
      for (long length : lengths) {
        assertRejected(
            c,
            "length " + length,
            () -> new ListProof(length, c.proof().entries(), c.proof().nodes()));
      }
    }
    assertThat(rejections).isEqualTo(cases.size() * lengths.length);
  }

  @Test
  void entriesOutOfOrderDuplicatedOrMovedAreRejected() {
    for (Case c : cases) {
      List<ListProofEntry> entries = c.proof().entries();
      for (int i = 0; i < entries.size(); i++) {
        ListProofEntry e = entries.get(i);
        List<ListProofEntry> duplicated = new ArrayList<>(entries);
        duplicated.add(i, e);
        assertRejected(c, "entry " + i + " duplicated", () -> withEntries(c.proof(), duplicated));
        for (long shift : new long[] {-1, 1, 2}) {
          List<ListProofEntry> moved = new ArrayList<>(entries);
          int index = i;
          assertRejected(
              c,
              "entry " + i + " moved by " + shift,
              () -> {
                moved.set(index, new ListProofEntry(e.position() + shift, e.value()));
                return withEntries(c.proof(), moved);
              });
        }
        if (i + 1 < entries.size()) {
          List<ListProofEntry> swapped = new ArrayList<>(entries);
          Collections.swap(swapped, i, i + 1);
          assertRejected(
              c,
              "entries " + i + ", " + (i + 1) + " swapped",
              () -> withEntries(c.proof(), swapped));
        }
      }
      if (!entries.isEmpty()) {
        List<ListProofEntry> shifted =
            entries.stream().map(e -> new ListProofEntry(e.position() + 2, e.value())).toList();
        assertRejected(c, "all entries shifted", () -> withEntries(c.proof(), shifted));
        assertRejected(c, "entries stripped", () -> withEntries(c.proof(), List.of()));
      }
    }
    assertThat(rejections).isGreaterThan(100);
  }

  @Test
  void proofsForAnotherRangeAreRejected() {
    for (Case c : cases) {
      long[][] queries = {
        {c.from() + 1, c.to() + 1}, {c.from(), c.to() + 1}, {c.from() + 1, c.to()},
        {c.from() - 1, c.to()}, {0, LENGTH}, {2, 3}
      };
      for (long[] q : queries) {
        if (q[0] < 0 || q[0] > q[1] || expected(q[0], q[1]).equals(expected(c.from(), c.to()))) {
          continue; // The same answer: the proof is rightly valid for this query.
        }
        assertThatThrownBy(() -> c.proof().verifyRange(hash, q[0], q[1]))
            .as(c.name() + " as an answer for [" + q[0] + ", " + q[1] + ")")
            .isInstanceOf(ProofVerificationException.class)
            .hasMessageContaining("but the range");
        rejections++;
      }
    }
    assertThat(rejections).isGreaterThan(30);
  }

  @Test
  void aRangeProofWithAnEdgeElementHiddenIsValidButNotForTheRange() {
    ListProof genuine = list.rangeProof(4, 9);
    // Hide position 4 behind its value hash: a genuine proof of 5 .. 8, not of 4 .. 8.
    ListProofEntry hidden = genuine.entries().getFirst();
    List<ListProofNode> nodes = new ArrayList<>(genuine.nodes());
    nodes.add(new ListProofNode(0, 4, Hashing.value(hidden.value())));
    nodes.sort(PROOF_ORDER);
    ListProof narrowed =
        new ListProof(LENGTH, genuine.entries().subList(1, genuine.entries().size()), nodes);
    assertThat(narrowed.verify(hash).entries()).hasSize(4);
    assertThatThrownBy(() -> narrowed.verifyRange(hash, 4, 9))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("4 element(s) at positions 5 .. 8")
        .hasMessageContaining("needs positions 4 .. 8");
  }

  @Test
  void absenceProofsThatLieAboutTheLengthAreRejected() {
    ProofListIndexView<byte[]> shorter =
        ListFixtures.fill(
            new ProofListIndexView<>(
                new MemoryRawIndex("test.shorter", IndexType.PROOF_LIST), Serializers.bytes()),
            LENGTH - 3);
    ListProof shorterAbsence = shorter.proof(LENGTH - 2);
    assertThat(shorterAbsence.verifyRange(shorter.objectHash(), LENGTH - 2, LENGTH - 1).length())
        .isEqualTo(LENGTH - 3);
    assertThatThrownBy(() -> shorterAbsence.verifyRange(hash, LENGTH - 2, LENGTH - 1))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("for a list of 10 elements, but the expected list hash is " + hash);
    ListProof absence = list.proof(LENGTH);
    ListProofNode root = absence.nodes().getFirst();
    assertThatThrownBy(() -> new ListProof(LENGTH - 4, List.of(), List.of(root)).verify(hash))
        .isInstanceOf(ProofVerificationException.class);
    ListProofNode lowered = new ListProofNode(root.height() - 1, 0, root.hash());
    assertThatThrownBy(() -> new ListProof(LENGTH - 5, List.of(), List.of(lowered)).verify(hash))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("for a list of 8 elements");
  }

  @Test
  void proofsAgainstAnotherRootAreRejected() {
    list.set(7, ListFixtures.element(70));
    Hash otherList = list.objectHash();
    byte[] flipped = hash.toBytes();
    flipped[31] ^= 1;
    for (Case c : cases) {
      for (Hash wrong : List.of(otherList, Hash.zero(), Hash.of(flipped))) {
        assertThatThrownBy(() -> c.proof().verifyRange(wrong, c.from(), c.to()))
            .as(c.name() + " against " + wrong)
            .isInstanceOf(ProofVerificationException.class)
            .hasMessageContaining("expected list hash is " + wrong);
      }
    }
  }

  private int totalNodes() {
    return cases.stream().mapToInt(c -> c.proof().nodes().size()).sum();
  }

  private int emptyNodeLists() {
    return (int) cases.stream().filter(c -> c.proof().nodes().isEmpty()).count();
  }

  private static List<Long> expected(long from, long to) {
    List<Long> positions = new ArrayList<>();
    for (long p = from; p < Math.min(to, LENGTH); p++) {
      positions.add(p);
    }
    return positions;
  }

  private static byte[] append(byte[] value, byte extra) {
    byte[] longer = Arrays.copyOf(value, value.length + 1);
    longer[value.length] = extra;
    return longer;
  }
}
