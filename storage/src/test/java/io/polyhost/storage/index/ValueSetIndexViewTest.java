package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.MemoryRawIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resuming the iteration of a {@link ValueSetIndexView} at a hash. */
class ValueSetIndexViewTest {
  private final ValueSetIndexView<String> set =
      new ValueSetIndexView<>(
          new MemoryRawIndex("svc.values", IndexType.VALUE_SET), Serializers.string());

  @Test
  void entriesFromStartsAtTheFirstHashNotLessThanTheGivenOne() {
    for (String v : List.of("a", "b", "c", "d", "e")) {
      set.add(v);
    }
    List<Map.Entry<Hash, String>> all = new ArrayList<>();
    set.entries().forEachRemaining(all::add);
    assertThat(set.entriesFrom(all.get(2).getKey()))
        .toIterable()
        .containsExactlyElementsOf(all.subList(2, 5));
    assertThat(set.entriesFrom(Hash.zero())).toIterable().containsExactlyElementsOf(all);
    byte[] ones = new byte[Hash.SIZE];
    java.util.Arrays.fill(ones, (byte) 0xff);
    assertThat(set.entriesFrom(Hash.of(ones))).isExhausted();
  }
}
