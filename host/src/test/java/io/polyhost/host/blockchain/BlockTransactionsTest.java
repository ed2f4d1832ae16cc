package io.polyhost.host.blockchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ProofListIndex;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.Fork;
import io.polyhost.storage.RocksDbDatabase;
import io.polyhost.storage.Snapshot;
import io.polyhost.storage.index.IndexViews;
import io.polyhost.storage.index.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BlockTransactions} and {@link ListMerkleTree} against a stored proof list holding the same
 * hashes: the list hash and every proof must be the same, whatever the length.
 */
class BlockTransactionsTest {
  private static final IndexAddress PACKED = IndexAddress.of("packed");

  @TempDir Path dir;
  private RocksDbDatabase db;

  @BeforeEach
  void open() {
    db = RocksDbDatabase.open(dir);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void hashesAndProofsAreThoseOfAProofListOfEveryShape() {
    SplittableRandom random = new SplittableRandom(Seeds.pick("BlockTransactionsTest"));
    List<Integer> lengths = new ArrayList<>();
    for (int n = 0; n <= 40; n++) {
      lengths.add(n);
    }
    lengths.addAll(List.of(63, 64, 65, 1023, 1024, 1025, 2048, 2049, 3000));
    for (int i = 0; i < 5; i++) {
      lengths.add(random.nextInt(1, 5000));
    }
    long height = 0;
    for (int length : lengths) {
      List<Hash> hashes = randomHashes(random, length);
      height++;
      try (Fork fork = db.fork()) {
        ProofListIndex<Hash> list =
            IndexViews.over(fork).proofList("list" + height, Serializers.hash());
        list.addAll(hashes);
        BlockTransactions packed = packed(fork);
        packed.append(height, hashes);
        ListMerkleTree tree = ListMerkleTree.of(hashes);
        assertThat(tree.listHash()).as("length %d", length).isEqualTo(list.objectHash());
        assertThat(packed.listHash(height)).as("length %d", length).isEqualTo(list.objectHash());
        assertThat(packed.size(height)).isEqualTo(length);
        assertThat(packed.hashes(height)).isEqualTo(hashes);
        List<Long> positions =
            new ArrayList<>(List.of(0L, length - 1L, (long) length, length + 7L));
        for (int k = 0; k < 20 && length > 0; k++) {
          positions.add((long) random.nextInt(length));
        }
        for (long p : positions) {
          if (p >= 0) {
            assertThat(packed.proof(height, p))
                .as("length %d, position %d", length, p)
                .isEqualTo(list.proof(p));
          }
        }
        db.merge(fork.intoPatch());
      }
    }
  }

  @Test
  void appendingInPiecesAcrossEntriesGivesTheWholeList() {
    SplittableRandom random = new SplittableRandom(Seeds.pick("BlockTransactionsTest.pieces"));
    List<Hash> all = randomHashes(random, 2 * BlockTransactions.CHUNK + 5);
    try (Fork fork = db.fork()) {
      BlockTransactions packed = packed(fork);
      int at = 0;
      for (int piece : new int[] {1, 0, BlockTransactions.CHUNK - 1, 3, BlockTransactions.CHUNK}) {
        packed.append(7, all.subList(at, at + piece));
        at += piece;
      }
      packed.append(7, all.subList(at, all.size()));
      assertThat(packed.hashes(7)).isEqualTo(all);
      assertThat(packed.listHash(7)).isEqualTo(ListMerkleTree.of(all).listHash());
      assertThat(packed.size(6)).as("other blocks are untouched").isZero();
      assertThat(packed.size(8)).isZero();
      db.merge(fork.intoPatch());
    }
    try (Snapshot snapshot = db.snapshot()) {
      BlockTransactions stored = packed(snapshot);
      assertThat(stored.hashes(7)).isEqualTo(all);
      assertThat(stored.proof(7, 1500)).isEqualTo(ListMerkleTree.of(all).proof(1500));
      assertThat(stored.hashes(8)).isEmpty();
      assertThat(stored.listHash(8)).isEqualTo(ListMerkleTree.of(List.of()).listHash());
    }
  }

  @Test
  void aMissingEntryIsReportedAsCorruption() {
    try (Fork fork = db.fork()) {
      BlockTransactions packed = packed(fork);
      packed.append(3, randomHashes(new SplittableRandom(1), BlockTransactions.CHUNK + 1));
      byte[] secondKey = {0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 1};
      fork.rawIndex(PACKED, IndexType.MAP).remove(secondKey);
      assertThatThrownBy(() -> packed.hashes(3))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("block 3 are corrupt: entry 1 is missing after 1024 of 1025");
    }
  }

  @Test
  void aNegativePositionIsRefused() {
    assertThatThrownBy(() -> ListMerkleTree.of(List.of(Hash.zero())).proof(-1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  private static BlockTransactions packed(io.polyhost.storage.StorageAccess access) {
    return new BlockTransactions(access.rawIndex(PACKED, IndexType.MAP));
  }

  private static List<Hash> randomHashes(SplittableRandom random, int count) {
    List<Hash> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] bytes = new byte[Hash.SIZE];
      random.nextBytes(bytes);
      out.add(Hash.of(bytes));
    }
    return out;
  }
}
