package io.polyhost.storage.index;

import static io.polyhost.storage.index.ListFixtures.element;
import static io.polyhost.storage.index.ListFixtures.elements;
import static io.polyhost.storage.index.ListFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ReadOnlyStorageException;
import io.polyhost.api.storage.Serializers;
import io.polyhost.api.storage.StorageException;
import io.polyhost.storage.MemoryRawIndex;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** {@link ProofListIndexContract} over the in-memory raw index, plus what needs its internals. */
class MemoryProofListIndexViewTest extends ProofListIndexContract {
  @Override
  protected RawIndexSource source() {
    return new MemoryRawIndexSource();
  }

  @Test
  void readOnlyIndexServesReadsAndProofsButRejectsEveryWrite() {
    MemoryRawIndex raw = new MemoryRawIndex("test.proof_list", IndexType.PROOF_LIST);
    ListFixtures.fill(new ProofListIndexView<>(raw, Serializers.bytes()), 5);
    ProofListIndexView<byte[]> list = new ProofListIndexView<>(raw.readOnly(), Serializers.bytes());
    Hash hash = list.objectHash();
    assertThat(hex(list)).isEqualTo(hex(elements(0, 5)));
    assertThat(list.proof(2).verifyRange(hash, 2, 3).entries()).hasSize(1);
    List<ThrowingCallable> writes =
        List.of(
            () -> list.add(element(9)),
            () -> list.addAll(List.of()),
            () -> list.set(0, element(9)),
            list::removeLast,
            () -> list.truncate(2),
            () -> list.truncate(9),
            list::clear);
    for (ThrowingCallable write : writes) {
      assertThatThrownBy(write)
          .isInstanceOf(ReadOnlyStorageException.class)
          .hasMessageContaining("test.proof_list");
    }
    assertThat(list.objectHash()).isEqualTo(hash);
    assertThat(list.size()).isEqualTo(5);
  }

  @Test
  void updatesTouchLogarithmicallyManyNodes() {
    CountingRawIndex raw =
        new CountingRawIndex(new MemoryRawIndex("test.proof_list", IndexType.PROOF_LIST));
    ProofListIndexView<byte[]> list = new ProofListIndexView<>(raw, Serializers.bytes());
    list.addAll(elements(0, 1000));
    int height = ListTree.rootHeight(1001); // 10, as for 1000

    raw.reset();
    list.set(517, element(-1));
    // The element and one node per level above the (unstored) value hashes.
    assertThat(raw.puts).as("puts of set").isEqualTo(1 + height);
    assertThat(raw.gets).as("gets of set").isLessThanOrEqualTo(height);

    raw.reset();
    list.add(element(1000));
    assertThat(raw.puts).as("puts of add").isEqualTo(1 + height);
    assertThat(raw.gets).as("gets of add").isLessThanOrEqualTo(height);

    raw.reset();
    list.removeLast();
    assertThat(raw.puts).as("puts of removeLast").isLessThanOrEqualTo(height);
    assertThat(raw.removes).as("removes of removeLast").isLessThanOrEqualTo(height + 2);
    assertThat(raw.gets).as("gets of removeLast").isLessThanOrEqualTo(height + 2);

    raw.reset();
    list.objectHash();
    ProofListIndexView.objectHashOf(raw);
    assertThat(raw.gets).as("gets of two object hashes").isEqualTo(2);

    raw.reset();
    list.addAll(elements(1000, 1000));
    // 1000 elements, 1000 value hashes, fewer than 1000 + 2 per level of inner nodes.
    assertThat(raw.puts).as("puts of addAll").isLessThanOrEqualTo(3000 + 2 * (height + 1));
    assertThat(raw.gets).as("gets of addAll").isLessThanOrEqualTo(2 * (height + 1));
    List<byte[]> model = elements(0, 2000);
    model.set(517, element(-1));
    assertThat(list.objectHash()).isEqualTo(ReferenceListHasher.listHash(model));
  }

  @Test
  void corruptStorageIsReportedNotHashed() {
    MemoryRawIndex raw = new MemoryRawIndex("test.proof_list", IndexType.PROOF_LIST);
    ProofListIndexView<byte[]> list =
        ListFixtures.fill(new ProofListIndexView<>(raw, Serializers.bytes()), 5);
    raw.remove(key(0, 2));
    assertThatThrownBy(() -> list.get(2))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("Index 'test.proof_list' is corrupt: its element 2 is missing");
    assertThatThrownBy(() -> list.iterator().forEachRemaining(v -> {}))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("its element 2 is missing");
    assertThatThrownBy(() -> list.proof(2))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("its element 2 is missing");
    raw.put(key(1 + 3, 0), new byte[5]); // the root of 5 elements, cut short
    assertThatThrownBy(list::objectHash)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("its tree node at (height 3, position 0) is 5 bytes long");
    raw.remove(key(1 + 3, 0));
    assertThatThrownBy(() -> ProofListIndexView.objectHashOf(raw))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("(height 3, position 0) is missing");
    raw.setState(new byte[3]);
    assertThatThrownBy(list::size)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("its state is 3 bytes, expected 8");
  }

  @Test
  void undecodableElementsAreStorageErrorsAndChangeNothing() {
    MemoryRawIndex raw = new MemoryRawIndex("test.proof_list", IndexType.PROOF_LIST);
    new ProofListIndexView<>(raw, Serializers.bytes()).addAll(List.of(new byte[3], new byte[3]));
    ProofListIndexView<Long> longs = new ProofListIndexView<>(raw, Serializers.int64());
    Hash hash = longs.objectHash();
    assertThatThrownBy(() -> longs.get(1))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("its element 1 (3 bytes) cannot be decoded");
    assertThatThrownBy(() -> longs.iterator().next())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("its element 0 (3 bytes) cannot be decoded");
    assertThatThrownBy(longs::removeLast).isInstanceOf(StorageException.class);
    assertThat(longs.size()).isEqualTo(2);
    assertThat(longs.objectHash()).isEqualTo(hash);
  }

  /** The raw key of a stored level (0 for elements, 1 + h for nodes) and position. */
  private static byte[] key(int level, long position) {
    byte[] key = new byte[9];
    key[0] = (byte) level;
    for (int i = 8; i >= 1; i--) {
      key[i] = (byte) position;
      position >>>= 8;
    }
    return key;
  }
}
