package io.polyhost.storage.index;

import static io.polyhost.storage.index.ListFixtures.element;
import static io.polyhost.storage.index.ListFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.ListProof;
import io.polyhost.api.proof.ListProofEntry;
import io.polyhost.api.proof.VerifiedListProof;
import io.polyhost.api.proto.ListProofProto;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.RawIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Proofs from {@link ProofListIndexView} over any {@link RawIndex}: every position and many ranges
 * of lists around powers of two verify against the object hash, before and after a trip through
 * protobuf, and carry no more hashes than the tree height.
 *
 * <p>Subclass it with a {@link #source()} to run it over another storage.
 */
public abstract class ListProofContract {
  private static final int[] LENGTHS = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129
  };

  /** The raw indexes under test. */
  protected abstract RawIndexSource source();

  private ProofListIndexView<byte[]> listOf(int length) {
    RawIndex raw = source().create(IndexType.PROOF_LIST);
    return ListFixtures.fill(new ProofListIndexView<>(raw, Serializers.bytes()), length);
  }

  @Test
  void everyPositionAndEveryAbsenceIsProven() throws InvalidProtocolBufferException {
    for (int length : LENGTHS) {
      ProofListIndexView<byte[]> list = listOf(length);
      Hash hash = list.objectHash();
      int height = length == 0 ? 0 : ListTree.rootHeight(length);
      for (long index = 0; index <= length + 2; index++) {
        String context = "position " + index + " of a list of " + length;
        ListProof proof = list.proof(index);
        List<String> expected = index < length ? List.of(hex(element(index))) : List.of();
        assertThat(provenValues(proof.verifyRange(hash, index, index + 1)))
            .as(context)
            .isEqualTo(expected);
        assertThat(proof.length()).as(context).isEqualTo(length);
        // A sibling per level at most; an absence proof has just the root.
        assertThat(proof.nodes().size())
            .as("node count, " + context)
            .isLessThanOrEqualTo(index < length ? height : Math.min(length, 1));
        ListProof received = viaWire(proof);
        assertThat(received).as("wire round trip, " + context).isEqualTo(proof);
        assertThat(provenValues(received.verifyRange(hash, index, index + 1)))
            .as("after the wire, " + context)
            .isEqualTo(expected);
      }
      ListProof farAway = list.proof(Long.MAX_VALUE);
      assertThat(farAway.verifyRange(hash, Long.MAX_VALUE, Long.MAX_VALUE).length())
          .isEqualTo(length);
    }
  }

  @Test
  void everyRangeOfSmallListsIsProven() throws InvalidProtocolBufferException {
    for (int length : new int[] {0, 1, 2, 3, 5, 8, 9, 13}) {
      ProofListIndexView<byte[]> list = listOf(length);
      Hash hash = list.objectHash();
      for (int from = 0; from <= length + 1; from++) {
        for (int to = from; to <= length + 2; to++) {
          assertRangeProven(list, hash, from, to, "list of " + length);
        }
      }
    }
  }

  @Test
  void randomRangesOfLargerListsAreProven() throws InvalidProtocolBufferException {
    long seed = Seeds.pick("randomRangesOfLargerListsAreProven");
    Random random = new Random(seed);
    for (int round = 0; round < 8; round++) {
      int length = random.nextInt(600);
      ProofListIndexView<byte[]> list = listOf(length);
      Hash hash = list.objectHash();
      for (int i = 0; i < 40; i++) {
        int from = random.nextInt(length + 5);
        int to = from + random.nextInt(length + 5 - from + 1);
        assertRangeProven(list, hash, from, to, "seed=" + seed + ", list of " + length);
      }
      assertRangeProven(list, hash, 0, length, "seed=" + seed + ", whole list of " + length);
      assertThat(list.rangeProof(0, Long.MAX_VALUE).verify(hash).entries()).hasSize(length);
    }
  }

  @Test
  void proofsFollowMutations() {
    ProofListIndexView<byte[]> list = listOf(17);
    list.set(16, element(100));
    list.truncate(9);
    list.add(element(101));
    Hash hash = list.objectHash();
    VerifiedListProof verified = list.rangeProof(7, 12).verifyRange(hash, 7, 12);
    assertThat(verified.length()).isEqualTo(10);
    assertThat(provenValues(verified))
        .containsExactly(hex(element(7)), hex(element(8)), hex(element(101)));
    assertThat(list.proof(10).verifyRange(hash, 10, 11).entries()).isEmpty();
  }

  private static void assertRangeProven(
      ProofListIndexView<byte[]> list, Hash hash, int from, int to, String what)
      throws InvalidProtocolBufferException {
    String context = "range [" + from + ", " + to + ") of " + what;
    ListProof proof = viaWire(list.rangeProof(from, to));
    List<String> expected = new ArrayList<>();
    for (long i = from; i < Math.min(to, list.size()); i++) {
      expected.add(hex(element(i)));
    }
    assertThat(provenValues(proof.verifyRange(hash, from, to))).as(context).isEqualTo(expected);
  }

  private static ListProof viaWire(ListProof proof) throws InvalidProtocolBufferException {
    return ListProof.fromProto(ListProofProto.parseFrom(proof.toProto().toByteArray()));
  }

  private static List<String> provenValues(VerifiedListProof verified) {
    return hex(verified.entries().stream().map(ListProofEntry::value).iterator());
  }
}
