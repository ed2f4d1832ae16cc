package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.IndexTypeMismatchException;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.MemoryRawIndex;
import io.polyhost.storage.RawIndex;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Each view opens only a raw index of its own type and names both types otherwise. */
class ViewTypeTest {
  private static final Serializer<String> S = Serializers.string();

  private static Map<IndexType, Function<RawIndex, Object>> views() {
    Map<IndexType, Function<RawIndex, Object>> views = new EnumMap<>(IndexType.class);
    views.put(IndexType.ENTRY, raw -> new EntryView<>(raw, S));
    views.put(IndexType.PROOF_ENTRY, raw -> new ProofEntryView<>(raw, S));
    views.put(IndexType.LIST, raw -> new ListIndexView<>(raw, S));
    views.put(IndexType.MAP, raw -> new MapIndexView<>(raw, S, S));
    views.put(IndexType.KEY_SET, raw -> new KeySetIndexView<>(raw, S));
    views.put(IndexType.VALUE_SET, raw -> new ValueSetIndexView<>(raw, S));
    views.put(IndexType.SPARSE_LIST, raw -> new SparseListIndexView<>(raw, S));
    views.put(IndexType.PROOF_LIST, raw -> new ProofListIndexView<>(raw, S));
    return views;
  }

  @Test
  void everyViewAcceptsOnlyItsOwnType() {
    views()
        .forEach((expected, open) -> {
          for (IndexType actual : IndexType.values()) {
            MemoryRawIndex raw = new MemoryRawIndex("svc.idx", actual);
            if (actual == expected) {
              assertThatCode(() -> open.apply(raw)).doesNotThrowAnyException();
            } else {
              assertThatThrownBy(() -> open.apply(raw))
                  .as("%s over %s", expected, actual)
                  .isInstanceOf(IndexTypeMismatchException.class)
                  .hasMessageContaining("svc.idx")
                  .hasMessageContaining(actual.name())
                  .hasMessageContaining(expected.name());
            }
          }
        });
  }

  @Test
  void objectHashOfChecksTheType() {
    assertThatThrownBy(() -> ProofEntryView.objectHashOf(new MemoryRawIndex("e", IndexType.ENTRY)))
        .isInstanceOf(IndexTypeMismatchException.class)
        .hasMessageContaining("PROOF_ENTRY");
    assertThatThrownBy(
            () -> ProofListIndexView.objectHashOf(new MemoryRawIndex("l", IndexType.LIST)))
        .isInstanceOf(IndexTypeMismatchException.class)
        .hasMessageContaining("PROOF_LIST");
  }
}
