package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.Limits;
import io.polyhost.storage.MemoryRawIndex;
import io.polyhost.storage.RawEntry;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edge cases of {@link ListIndexView} that random operations rarely reach. */
class ListIndexViewTest {
  private final MemoryRawIndex raw = new MemoryRawIndex("svc.list", IndexType.LIST);
  private final ListIndexView<String> list = new ListIndexView<>(raw, Serializers.string());

  @Test
  void negativePositionsAreRejected() {
    list.add("a");
    assertThatThrownBy(() -> list.get(-1))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("-1")
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> list.iterator(-5)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.truncate(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.set(-1, "x")).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void setBeyondTheEndIsRejected() {
    list.add("a");
    assertThatThrownBy(() -> list.set(1, "b"))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("svc.list")
        .hasMessageContaining("size 1");
    assertThat(list).containsExactly("a");
  }

  @Test
  void truncateToALargerSizeDoesNothing() {
    list.addAll(List.of("a", "b"));
    list.truncate(10);
    list.truncate(2);
    assertThat(list).containsExactly("a", "b");
    list.truncate(0);
    assertThat(list.isEmpty()).isTrue();
    assertThat(raw.state()).as("an emptied list leaves no state").isNull();
  }

  @Test
  void elementsAreStoredUnderBigEndianPositions() {
    list.addAll(List.of("x", "y"));
    assertThat(raw.get(new byte[] {0, 0, 0, 0, 0, 0, 0, 1})).isEqualTo("y".getBytes());
    assertThat(raw.state()).isEqualTo(new byte[] {0, 0, 0, 0, 0, 0, 0, 2});
  }

  @Test
  void iteratorsCannotRemoveAndStopAtTheEnd() {
    list.addAll(List.of("a", "b", "c"));
    Iterator<String> it = list.iterator(1);
    assertThat(it.next()).isEqualTo("b");
    assertThatThrownBy(it::remove).isInstanceOf(UnsupportedOperationException.class);
    assertThat(list.iterator(3).hasNext()).isFalse();
    assertThat(list.iterator(Long.MAX_VALUE).hasNext()).isFalse();
  }

  @Test
  void addAllWithAnOversizedElementChangesNothing() {
    ListIndexView<byte[]> bytes =
        new ListIndexView<>(new MemoryRawIndex("svc.blobs", IndexType.LIST), Serializers.bytes());
    bytes.add(new byte[] {1});
    assertThatThrownBy(
            () -> bytes.addAll(List.of(new byte[1], new byte[Limits.MAX_VALUE_SIZE + 1])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Element 1")
        .hasMessageContaining("svc.blobs");
    assertThat(bytes.size()).isEqualTo(1);
  }

  @Test
  void addAllOfItselfAppendsASnapshot() {
    list.addAll(List.of("a", "b"));
    list.addAll(list);
    assertThat(list).containsExactly("a", "b", "a", "b");
  }

  @Test
  void clearRemovesElementsAndState() {
    list.addAll(List.of("a", "b"));
    list.clear();
    assertThat(raw.state()).isNull();
    Iterator<RawEntry> rest = raw.iterator();
    assertThat(rest.hasNext()).isFalse();
  }
}
