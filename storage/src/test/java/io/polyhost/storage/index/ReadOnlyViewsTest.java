package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ReadOnlyStorageException;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.MemoryRawIndex;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Views over a read-only raw index read normally and refuse every write, including writes that
 * would change nothing, before touching anything.
 */
class ReadOnlyViewsTest {
  private static final String NAME = "svc.data";

  private static void assertRefused(ThrowingCallable... writes) {
    for (ThrowingCallable write : writes) {
      assertThatThrownBy(write)
          .isInstanceOf(ReadOnlyStorageException.class)
          .hasMessageContaining(NAME);
    }
  }

  @Test
  void entries() {
    MemoryRawIndex raw = new MemoryRawIndex(NAME, IndexType.ENTRY);
    new EntryView<>(raw, Serializers.int64()).set(7L);
    EntryView<Long> view = new EntryView<>(raw.readOnly(), Serializers.int64());
    assertThat(view.get()).contains(7L);
    assertRefused(() -> view.set(8L), view::remove);
    assertThat(view.get()).contains(7L);

    MemoryRawIndex proofRaw = new MemoryRawIndex(NAME, IndexType.PROOF_ENTRY).readOnly();
    ProofEntryView<Long> proof = new ProofEntryView<>(proofRaw, Serializers.int64());
    assertThat(proof.isPresent()).isFalse();
    assertThat(proof.objectHash()).isEqualTo(Hash.zero());
    assertRefused(() -> proof.set(1L), proof::remove);
  }

  @Test
  void list() {
    MemoryRawIndex raw = new MemoryRawIndex(NAME, IndexType.LIST);
    new ListIndexView<>(raw, Serializers.string()).addAll(List.of("a", "b"));
    ListIndexView<String> view = new ListIndexView<>(raw.readOnly(), Serializers.string());
    assertThat(view).containsExactly("a", "b");
    assertThat(view.last()).contains("b");
    assertRefused(
        () -> view.add("c"),
        () -> view.addAll(List.of()),
        () -> view.set(0, "x"),
        view::removeLast,
        () -> view.truncate(5),
        () -> view.truncate(0),
        view::clear);
    assertThat(view).containsExactly("a", "b");
  }

  @Test
  void map() {
    MemoryRawIndex raw = new MemoryRawIndex(NAME, IndexType.MAP);
    new MapIndexView<>(raw, Serializers.string(), Serializers.int32()).put("k", 1);
    MapIndexView<String, Integer> view =
        new MapIndexView<>(raw.readOnly(), Serializers.string(), Serializers.int32());
    assertThat(view.get("k")).contains(1);
    assertThat(view.entries()).toIterable().containsExactly(Map.entry("k", 1));
    assertRefused(() -> view.put("k", 2), () -> view.remove("absent"), view::clear);
    assertThat(view.get("k")).contains(1);
  }

  @Test
  void sets() {
    MemoryRawIndex keyRaw = new MemoryRawIndex(NAME, IndexType.KEY_SET);
    new KeySetIndexView<>(keyRaw, Serializers.int32()).add(3);
    KeySetIndexView<Integer> keys = new KeySetIndexView<>(keyRaw.readOnly(), Serializers.int32());
    assertThat(keys).containsExactly(3);
    assertRefused(() -> keys.add(3), () -> keys.remove(4), keys::clear);

    MemoryRawIndex valueRaw = new MemoryRawIndex(NAME, IndexType.VALUE_SET);
    new ValueSetIndexView<>(valueRaw, Serializers.string()).add("v");
    ValueSetIndexView<String> values =
        new ValueSetIndexView<>(valueRaw.readOnly(), Serializers.string());
    assertThat(values.contains("v")).isTrue();
    assertRefused(
        () -> values.add("w"),
        () -> values.remove("v"),
        () -> values.removeByHash(Hash.zero()),
        values::clear);
    assertThat(values.contains("v")).isTrue();
  }

  @Test
  void sparseList() {
    MemoryRawIndex raw = new MemoryRawIndex(NAME, IndexType.SPARSE_LIST);
    new SparseListIndexView<>(raw, Serializers.string()).set(4, "e");
    SparseListIndexView<String> view =
        new SparseListIndexView<>(raw.readOnly(), Serializers.string());
    assertThat(view.get(4)).contains("e");
    assertThat(view.capacity()).isEqualTo(5);
    assertRefused(
        () -> view.add("f"),
        () -> view.set(0, "a"),
        () -> view.remove(1),
        view::removeLast,
        () -> view.truncate(10),
        view::clear);
    assertThat(view.size()).isEqualTo(1);
  }
}
