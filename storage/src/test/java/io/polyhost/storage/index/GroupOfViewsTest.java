package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.storage.Group;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ListIndex;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.MemoryRawIndex;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A {@link Group} opens independent members of any view type, one raw index per member. */
class GroupOfViewsTest {
  private final Map<IndexAddress, MemoryRawIndex> store = new HashMap<>();

  private MemoryRawIndex raw(IndexAddress address, IndexType type) {
    return store.computeIfAbsent(address, a -> new MemoryRawIndex(a.name(), type));
  }

  @Test
  void membersOfAListGroupAreIndependent() {
    Group<Long, ListIndex<String>> history =
        Group.of(
            "wallet.history",
            Serializers.int64(),
            addr -> new ListIndexView<>(raw(addr, IndexType.LIST), Serializers.string()));
    history.get(1L).add("one");
    history.get(2L).add("two");
    history.get(1L).add("uno");
    assertThat(history.get(1L)).containsExactly("one", "uno");
    assertThat(history.get(2L)).containsExactly("two");
    assertThat(store)
        .containsOnlyKeys(
            IndexAddress.inGroup("wallet.history", Serializers.int64().encode(1L)),
            IndexAddress.inGroup("wallet.history", Serializers.int64().encode(2L)));
  }

  @Test
  void worksForMaps() {
    Group<String, MapIndex<String, Integer>> byOwner =
        Group.of(
            "owners",
            Serializers.string(),
            addr ->
                new MapIndexView<>(
                    raw(addr, IndexType.MAP), Serializers.string(), Serializers.int32()));
    byOwner.get("alice").put("x", 1);
    assertThat(byOwner.get("alice").get("x")).contains(1);
    assertThat(byOwner.get("bob").get("x")).isEmpty();
  }
}
