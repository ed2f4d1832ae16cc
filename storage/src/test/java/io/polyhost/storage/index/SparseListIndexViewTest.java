package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.MemoryRawIndex;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The capacity rules of {@link SparseListIndexView}, case by case. */
class SparseListIndexViewTest {
  private final MemoryRawIndex raw = new MemoryRawIndex("svc.sparse", IndexType.SPARSE_LIST);
  private final SparseListIndexView<String> list =
      new SparseListIndexView<>(raw, Serializers.string());

  @Test
  void setGrowsCapacityAndAddAppendsAtIt() {
    list.set(3, "d");
    assertThat(list.capacity()).isEqualTo(4);
    assertThat(list.size()).isEqualTo(1);
    list.add("e");
    assertThat(list.get(4)).contains("e");
    assertThat(list.entries()).toIterable().containsExactly(Map.entry(3L, "d"), Map.entry(4L, "e"));
    list.set(3, "D");
    assertThat(list.size()).isEqualTo(2);
  }

  @Test
  void entriesFromSkipsEarlierPositionsAndHoles() {
    list.set(2, "c");
    list.set(5, "f");
    list.set(9, "j");
    assertThat(list.entriesFrom(0)).toIterable().hasSize(3);
    assertThat(list.entriesFrom(3))
        .toIterable()
        .containsExactly(Map.entry(5L, "f"), Map.entry(9L, "j"));
    assertThat(list.entriesFrom(9)).toIterable().containsExactly(Map.entry(9L, "j"));
    assertThat(list.entriesFrom(10)).isExhausted();
    assertThatThrownBy(() -> list.entriesFrom(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void removeLeavesTheCapacity() {
    list.add("a");
    list.add("b");
    assertThat(list.remove(1)).contains("b");
    assertThat(list.remove(1)).isEmpty();
    assertThat(list.capacity()).isEqualTo(2);
    assertThat(list.size()).isEqualTo(1);
  }

  @Test
  void removeLastShrinksPastTheNextFilledPosition() {
    list.set(2, "c");
    list.set(1_000_000_000_000L, "far");
    list.set(1_000_000_000_005L, "top");
    list.remove(1_000_000_000_005L);
    assertThat(list.capacity()).isEqualTo(1_000_000_000_006L);
    assertThat(list.removeLast()).contains("far");
    assertThat(list.capacity()).isEqualTo(3);
    assertThat(list.removeLast()).contains("c");
    assertThat(list.capacity()).isZero();
    assertThat(list.removeLast()).isEmpty();
    assertThat(raw.state()).isNull();
  }

  @Test
  void removeLastOnlyHolesResetsTheCapacity() {
    list.set(7, "h");
    list.remove(7);
    assertThat(list.capacity()).isEqualTo(8);
    assertThat(list.removeLast()).isEmpty();
    assertThat(list.capacity()).isZero();
  }

  @Test
  void truncateDropsPositionsAtOrAboveAndIgnoresLargerCapacities() {
    list.set(1, "b");
    list.set(5, "f");
    list.set(9, "j");
    list.truncate(20);
    assertThat(list.capacity()).isEqualTo(10);
    list.truncate(5);
    assertThat(list.capacity()).isEqualTo(5);
    assertThat(list.size()).isEqualTo(1);
    assertThat(list.values()).toIterable().containsExactly("b");
  }

  @Test
  void positionsOutsideTheLongRangeAreRejected() {
    assertThatThrownBy(() -> list.get(-1))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> list.set(Long.MAX_VALUE, "x"))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("svc.sparse");
    list.set(Long.MAX_VALUE - 1, "top");
    assertThat(list.capacity()).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> list.add("x")).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(list.removeLast()).contains("top");
    assertThat(list.capacity()).isZero();
  }
}
