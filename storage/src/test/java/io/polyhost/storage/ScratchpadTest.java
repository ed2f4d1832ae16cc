package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ProofListIndex;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.index.EntryView;
import io.polyhost.storage.index.IndexViews;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scratchpad of a migration: where it lives, and how it is cleared. */
class ScratchpadTest extends WithDatabase {
  private static final String GROUP = "__SCRATCHPAD__";

  // Reference scenario: scratchpad_basics.
  @Test
  void scratchpadBasics() {
    Fork fork = db.fork();
    IndexAccess scratchpad = IndexViews.over(Scratchpad.of(fork, "test"));
    scratchpad.entry("entry", Serializers.int32()).set(1);
    assertThat(scratchpad.entry("entry", Serializers.int32()).get()).contains(1);
    RawIndex raw =
        fork.rawIndexForRead(IndexAddress.inGroup(GROUP, utf8("test.entry")), IndexType.ENTRY);
    assertThat(new EntryView<>(raw, Serializers.int32()).get()).contains(1);
    scratchpad.list("list", Serializers.int32()).addAll(List.of(2, 3));

    Patch patch = fork.intoPatch();
    assertThat(IndexViews.over(Scratchpad.of(patch, "test")).list("list", Serializers.int32()))
        .containsExactly(2, 3);
    db.merge(patch);
    patch.close();
    try (Snapshot snapshot = db.snapshot()) {
      assertThat(IndexViews.over(Scratchpad.of(snapshot, "test")).list("list", Serializers.int32()))
          .containsExactly(2, 3);
      assertThat(snapshot.stateHash()).as("scratchpads are not aggregated").isEqualTo(emptyMap());
      assertThat(snapshot.migrationStateHash("test")).isEqualTo(emptyMap());
    }
  }

  // Reference scenario: scratchpad_address_resolution.
  @Test
  void scratchpadAddressResolution() {
    try (Fork fork = db.fork()) {
      IndexViews.over(Scratchpad.of(fork, "test"))
          .entry(IndexAddress.inGroup("entry", new byte[] {0, 0, 0, 5}), Serializers.int32())
          .set(1);
      byte[] member = utf8("test.entry\0\0\0\0\u0005");
      RawIndex raw = fork.rawIndexForRead(IndexAddress.inGroup(GROUP, member), IndexType.ENTRY);
      assertThat(new EntryView<>(raw, Serializers.int32()).get()).contains(1);
    }
  }

  // Reference scenario: scratchpad_invalid_address.
  @Test
  void scratchpadInvalidAddress() {
    try (Fork fork = db.fork()) {
      IndexAccess scratchpad = IndexViews.over(Scratchpad.of(fork, "test"));
      assertThatThrownBy(() -> scratchpad.entry("entry\0key", Serializers.int32()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("contains");
      Scratchpad raw = Scratchpad.of(fork, "test");
      assertThatThrownBy(() -> raw.rawIndex(IndexAddress.of("^entry"), IndexType.ENTRY))
          .hasMessageContaining("reserved");
      assertThatThrownBy(() -> raw.rawIndex(IndexAddress.of("__entry"), IndexType.ENTRY))
          .hasMessageContaining("reserved");
      assertThatThrownBy(() -> Scratchpad.of(fork, "a.b"))
          .hasMessageContaining("single name component");
    }
  }

  // Reference scenario: clearing_scratchpad.
  @Test
  void clearingScratchpad() {
    try (Fork fork = db.fork()) {
      Scratchpad raw = Scratchpad.of(fork, "test");
      IndexAccess scratchpad = IndexViews.over(raw);
      scratchpad.entry("entry", Serializers.int32()).set(1);
      scratchpad
          .proofEntry(IndexAddress.inGroup("other_entry", new byte[] {1}), Serializers.string())
          .set("!!");
      scratchpad.list("list", Serializers.int32()).addAll(List.of(1, 2, 3));
      fork.clearScratchpad("test");

      assertThat(raw.indexType(IndexAddress.of("entry"))).isEmpty();
      assertThat(raw.indexType(IndexAddress.inGroup("other_entry", new byte[] {1}))).isEmpty();
      assertThat(raw.indexType(IndexAddress.of("list"))).isEmpty();
      ProofListIndex<Integer> list = scratchpad.proofList("list", Serializers.int32());
      assertThat(list.isEmpty()).isTrue();
      assertThat(list.objectHash()).isEqualTo(Hashing.list(0, Hash.zero()));
      list.addAll(List.of(1, 2, 3));
      assertThat(list).containsExactly(1, 2, 3);
    }
  }

  // Reference scenario: clearing_scratchpad_does_not_influence_other_scratchpads.
  @Test
  void clearingScratchpadDoesNotInfluenceOtherScratchpads() {
    Fork fork = db.fork();
    IndexAccess scratchpad = IndexViews.over(Scratchpad.of(fork, "test"));
    scratchpad.entry("entry", Serializers.int32()).set(1);
    scratchpad.list("list", Serializers.int32()).addAll(List.of(1, 2, 3));
    IndexViews.over(Scratchpad.of(fork, "test_")).proofEntry("entry", Serializers.int32()).set(2);
    IndexViews.over(Scratchpad.of(fork, "tes")).entry("entry", Serializers.int32()).set(3);
    Patch patch = fork.intoPatch();
    db.merge(patch);
    patch.close();

    try (Fork next = db.fork()) {
      next.clearScratchpad("test");
      assertThat(Scratchpad.of(next, "test").indexType(IndexAddress.of("entry"))).isEmpty();
      assertThat(
              IndexViews.over(Scratchpad.of(next, "test_"))
                  .proofEntry("entry", Serializers.int32())
                  .get())
          .contains(2);
      assertThat(
              IndexViews.over(Scratchpad.of(next, "tes")).entry("entry", Serializers.int32()).get())
          .contains(3);
    }
  }

  @Test
  void scratchpadIsErasedByFlushAndRollbackOfItsMigrationOnly() {
    Fork fork = db.fork();
    IndexViews.over(Scratchpad.of(fork, "a")).entry("e", Serializers.int32()).set(1);
    IndexViews.over(Scratchpad.of(fork, "b")).entry("e", Serializers.int32()).set(2);
    fork.flushMigration("a");
    assertThat(Scratchpad.of(fork, "a").indexType(IndexAddress.of("e"))).isEmpty();
    assertThat(Scratchpad.of(fork, "b").indexType(IndexAddress.of("e"))).contains(IndexType.ENTRY);
    fork.rollbackMigration("b");
    assertThat(Scratchpad.of(fork, "b").indexType(IndexAddress.of("e"))).isEmpty();
    fork.close();
  }

  private static Hash emptyMap() {
    return Hashing.map(Hash.zero());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
