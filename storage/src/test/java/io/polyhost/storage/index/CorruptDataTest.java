package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializers;
import io.polyhost.api.storage.StorageException;
import io.polyhost.storage.MemoryRawIndex;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

/**
 * Stored bytes the views did not write (or a serializer that does not match them) surface as a
 * {@link StorageException} naming the index, never as a serializer's own exception or a wrong
 * value.
 */
class CorruptDataTest {
  private static final byte[] THREE_BYTES = {1, 2, 3};
  private static final byte[] BAD_UTF8 = {(byte) 0xc3, 0x28};

  private static MemoryRawIndex raw(IndexType type) {
    return new MemoryRawIndex("svc.broken", type);
  }

  @Test
  void entryWithAThreeByteInt64() {
    MemoryRawIndex raw = raw(IndexType.ENTRY);
    raw.put(new byte[0], THREE_BYTES);
    EntryView<Long> entry = new EntryView<>(raw, Serializers.int64());
    assertThat(entry.isPresent()).isTrue();
    assertThatThrownBy(entry::get)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("svc.broken")
        .hasMessageContaining("3 bytes")
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mapWithUndecodableKeyOrValue() {
    MemoryRawIndex raw = raw(IndexType.MAP);
    raw.put(Serializers.string().encode("ok"), THREE_BYTES);
    raw.put(BAD_UTF8, Serializers.int64().encode(1L));
    MapIndexView<String, Long> map =
        new MapIndexView<>(raw, Serializers.string(), Serializers.int64());
    assertThatThrownBy(() -> map.get("ok"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("value");
    Iterator<String> keys = map.keys();
    assertThat(keys.next()).isEqualTo("ok"); // 'o' sorts before the 0xc3 of the broken key
    assertThatThrownBy(keys::next)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("svc.broken")
        .hasMessageContaining("key");
  }

  @Test
  void listWithBadStateMissingElementOrBadElement() {
    MemoryRawIndex raw = raw(IndexType.LIST);
    ListIndexView<Long> list = new ListIndexView<>(raw, Serializers.int64());
    raw.setState(new byte[7]);
    assertThatThrownBy(list::size)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("state is 7 bytes");

    raw.setState(Positions.key(-1));
    assertThatThrownBy(list::size)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("negative");

    raw.setState(Positions.key(2));
    raw.put(Positions.key(0), THREE_BYTES);
    assertThatThrownBy(() -> list.get(0))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("element 0");
    assertThatThrownBy(list::last)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("element 1 of 2 is missing");
    assertThatThrownBy(() -> list.iterator().next()).isInstanceOf(StorageException.class);
  }

  @Test
  void valueSetWithAKeyThatIsNotAHash() {
    MemoryRawIndex raw = raw(IndexType.VALUE_SET);
    raw.put(THREE_BYTES, Serializers.string().encode("v"));
    ValueSetIndexView<String> set = new ValueSetIndexView<>(raw, Serializers.string());
    assertThatThrownBy(() -> set.hashes().next())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("svc.broken")
        .hasMessageContaining("3-byte key");
  }

  @Test
  void sparseListWithBadPositionKeyOrState() {
    MemoryRawIndex raw = raw(IndexType.SPARSE_LIST);
    raw.put(THREE_BYTES, Serializers.string().encode("v"));
    SparseListIndexView<String> list = new SparseListIndexView<>(raw, Serializers.string());
    assertThatThrownBy(() -> list.entries().next())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("position key is 3 bytes");
    raw.setState(new byte[8]);
    assertThatThrownBy(list::capacity)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("expected 16");
  }

  @Test
  void keySetWithBadUtf8() {
    MemoryRawIndex raw = raw(IndexType.KEY_SET);
    raw.put(BAD_UTF8, new byte[0]);
    KeySetIndexView<String> set = new KeySetIndexView<>(raw, Serializers.string());
    assertThat(set.contains("x")).isFalse();
    assertThatThrownBy(() -> set.iterator().next())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("UTF-8");
  }
}
