package io.polyhost.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A group maps each key to an address inside the group and opens it with the given function. */
class GroupTest {
  @Test
  void membersLiveAtGroupAddresses() {
    List<IndexAddress> opened = new ArrayList<>();
    Group<Integer, String> group =
        Group.of(
            "svc.history",
            Serializers.int32(),
            addr -> {
              opened.add(addr);
              return "index at " + addr;
            });
    assertThat(group.name()).isEqualTo("svc.history");
    assertThat(group.get(5)).isEqualTo("index at " + group.addressOf(5));
    group.get(-5);
    assertThat(opened)
        .containsExactly(
            IndexAddress.inGroup("svc.history", Serializers.int32().encode(5)),
            IndexAddress.inGroup("svc.history", Serializers.int32().encode(-5)));
    assertThat(opened).allMatch(IndexAddress::isInGroup);
    assertThat(group.addressOf(1)).isNotEqualTo(group.addressOf(2));
  }

  @Test
  void badNamesAndKeysAreRejected() {
    assertThatThrownBy(() -> Group.of("bad name", Serializers.int32(), addr -> addr))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad name");
    Group<byte[], IndexAddress> group = Group.of("g", Serializers.bytes(), addr -> addr);
    assertThatThrownBy(() -> group.get(new byte[IndexAddress.MAX_GROUP_KEY_LENGTH + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Group key");
    assertThat(group.get(new byte[0]).key()).hasValueSatisfying(k -> assertThat(k).isEmpty());
  }
}
