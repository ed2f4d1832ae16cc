package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.IndexTypeMismatchException;
import io.polyhost.api.storage.ListIndex;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.ReadOnlyStorageException;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.index.IndexViews;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Migration namespaces on a fork: writing, aggregating, flushing and rolling back. */
class MigrationTest extends WithDatabase {
  static final Hash EMPTY_MAP = Hashing.map(Hash.zero());
  private static final byte[] ONE = {1};
  private static final byte[] TWO = {2};
  private static final byte[] THREE = {3};

  // Reference scenario: in_memory_migration.
  @Test
  void inMemoryMigration() {
    Fork fork = db.fork();
    IndexAccess root = IndexViews.over(fork);
    root.list("name.list", Serializers.int64()).addAll(List.of(1L, 2L, 3L));
    root.map("name.map", Serializers.int64(), Serializers.string()).put(1L, "!");
    root.valueSet("name.removed", Serializers.string()).add("!!!");
    root.proofList("name.untouched", Serializers.int64()).addAll(List.of(77L, 88L));
    root.entry("unrelated", Serializers.int64()).set(1L);
    root.entry("name1.unrelated", Serializers.int64()).set(2L);

    Migration migration = Migration.of(fork, "name");
    IndexAccess migrated = IndexViews.over(migration);
    migrated.proofList("list", Serializers.int64()).addAll(List.of(4L, 5L));
    migrated.map("map", Serializers.int64(), Serializers.int32()).put(1L, 42);
    migrated.keySet("new", Serializers.int32()).add(0);
    migration.createTombstone(IndexAddress.of("removed"));

    fork.flushMigration("name");
    checkInMemoryMigration(fork);
    Migration after = Migration.of(fork.readOnly(), "name");
    assertThat(after.indexType(IndexAddress.of("list"))).isEmpty();
    assertThat(IndexViews.over(after).proofList("list", Serializers.int64()).isEmpty()).isTrue();

    merge(fork);
    try (Snapshot snapshot = db.snapshot()) {
      checkInMemoryMigration(snapshot);
    }
  }

  private static void checkInMemoryMigration(StorageAccess access) {
    IndexAccess view = IndexViews.over(access.readOnly());
    ListIndex<Long> list = view.proofList("name.list", Serializers.int64());
    assertThat(list.size()).isEqualTo(2);
    assertThat(list.get(0)).contains(4L);
    assertThat(list.get(1)).contains(5L);
    assertThat(list.get(2)).isEmpty();
    assertThat(list).containsExactly(4L, 5L);
    assertThat(view.map("name.map", Serializers.int64(), Serializers.int32()).get(1L)).contains(42);
    assertThat(view.keySet("name.new", Serializers.int32()).contains(0)).isTrue();
    assertThat(view.keySet("name.new", Serializers.int32()).contains(1)).isFalse();
    assertThat(view.proofList("name.untouched", Serializers.int64())).containsExactly(77L, 88L);
    assertThat(view.entry("unrelated", Serializers.int64()).get()).contains(1L);
    assertThat(view.entry("name1.unrelated", Serializers.int64()).get()).contains(2L);
    assertThat(access.indexType(IndexAddress.of("name.removed"))).isEmpty();
    assertThat(view.valueSet("name.removed", Serializers.string()).entries()).isExhausted();
  }

  // Reference scenario: migration_with_merges.
  @Test
  void migrationWithMerges() {
    commit(root -> {
      root.list("name.list", Serializers.int64()).addAll(List.of(1L, 2L, 3L));
      root.map("name.map", Serializers.int64(), Serializers.string()).put(1L, "!");
      root.entry(IndexAddress.inGroup("name.family", ONE), Serializers.string()).set("!");
      root.entry(IndexAddress.inGroup("name.family", TWO), Serializers.string()).set("!!");
      root.proofEntry(IndexAddress.inGroup("name.untouched", TWO), Serializers.string()).set("??");
      root.entry("unrelated", Serializers.int64()).set(1L);
      root.entry("name1.unrelated", Serializers.int64()).set(2L);
    });

    Fork fork = db.fork();
    Migration migration = Migration.of(fork, "name");
    IndexAccess migrated = IndexViews.over(migration);
    migrated.proofList("list", Serializers.int64()).addAll(List.of(4L, 5L));
    migrated.map("map", Serializers.int64(), Serializers.int32()).put(1L, 42);
    migrated.keySet("new", Serializers.int32()).add(0);
    // Removing an index that does not exist is odd, but allowed.
    migration.createTombstone(IndexAddress.inGroup("name.family", THREE));
    merge(fork);

    fork = db.fork();
    migration = Migration.of(fork, "name");
    migrated = IndexViews.over(migration);
    ListIndex<Long> list = migrated.proofList("list", Serializers.int64());
    assertThat(list.size()).isEqualTo(2);
    list.add(6L);
    list.add(7L);
    assertThat(list.size()).isEqualTo(4);
    MapIndex<Long, Integer> map = migrated.map("map", Serializers.int64(), Serializers.int32());
    map.clear();
    map.put(2L, 21);
    map.put(3L, 7);
    migration.createTombstone(IndexAddress.inGroup("family", ONE));
    fork.flushMigration("name");

    checkMigrationWithMerges(fork);
    merge(fork);
    try (Snapshot snapshot = db.snapshot()) {
      checkMigrationWithMerges(snapshot);
    }
  }

  private static void checkMigrationWithMerges(StorageAccess access) {
    IndexAccess view = IndexViews.over(access.readOnly());
    ListIndex<Long> list = view.proofList("name.list", Serializers.int64());
    assertThat(list.size()).isEqualTo(4);
    assertThat(list.get(2)).contains(6L);
    assertThat(list.iterator(1)).toIterable().containsExactly(5L, 6L, 7L);
    MapIndex<Long, Integer> map = view.map("name.map", Serializers.int64(), Serializers.int32());
    assertThat(map.get(1L)).isEmpty();
    assertThat(map.get(2L)).contains(21);
    assertThat(map.get(3L)).contains(7);
    assertThat(map.keys()).toIterable().containsExactly(2L, 3L);
    assertThat(access.indexType(IndexAddress.inGroup("name.family", ONE))).isEmpty();
    assertThat(view.entry(IndexAddress.inGroup("name.family", TWO), Serializers.string()).get())
        .contains("!!");
    assertThat(
            view.proofEntry(IndexAddress.inGroup("name.untouched", TWO), Serializers.string())
                .get())
        .contains("??");
    assertThat(view.entry("unrelated", Serializers.int64()).get()).contains(1L);
    assertThat(view.entry("name1.unrelated", Serializers.int64()).get()).contains(2L);
  }

  // Reference scenario: aggregation_within_migrations.
  @Test
  void aggregationWithinMigrations() {
    commit(root -> {
      root.proofList("name.list", Serializers.int64()).add(1L);
      root.proofList("name.other_list", Serializers.int64()).addAll(List.of(1L, 2L, 3L));
      root.proofEntry("name.entry", Serializers.string()).set("!");
    });
    Hash stateHash = stateHash();

    Fork fork = db.fork();
    IndexAccess migrated = IndexViews.over(Migration.of(fork, "name"));
    migrated.proofList("list", Serializers.int64()).addAll(List.of(2L, 3L, 4L));
    migrated.proofEntry("entry", Serializers.string()).set("?");
    migrated.proofEntry("new", Serializers.string()).set("??");
    merge(fork);

    try (Snapshot snapshot = db.snapshot()) {
      assertThat(snapshot.stateHash()).isEqualTo(stateHash);
      Migration migration = Migration.of(snapshot, "name");
      Hash nsHash = migration.stateHash();
      assertThat(nsHash).isNotEqualTo(EMPTY_MAP).isEqualTo(snapshot.migrationStateHash("name"));
      ProofMapIndex<String, Hash> aggregator = migration.stateAggregator();
      assertThat(aggregator.objectHash()).isEqualTo(nsHash);
      assertThat(keys(aggregator)).containsExactlyInAnyOrder("name.entry", "name.list", "name.new");
      IndexAccess view = IndexViews.over(migration);
      assertThat(aggregator.get("name.list"))
          .contains(view.proofList("list", Serializers.int64()).objectHash());
      assertThat(aggregator.get("name.entry"))
          .contains(view.proofEntry("entry", Serializers.string()).objectHash());
      assertThatThrownBy(() -> aggregator.put("name.x", Hash.zero()))
          .isInstanceOf(ReadOnlyStorageException.class);
    }
  }

  // Reference scenario: aggregation_after_migrations.
  @Test
  void aggregationAfterMigrations() {
    Fork fork = db.fork();
    IndexAccess root = IndexViews.over(fork);
    root.proofList("name.list", Serializers.int64()).add(1L);
    root.proofList("name.other_list", Serializers.int64()).addAll(List.of(1L, 2L, 3L));
    root.entry("name.entry", Serializers.string()).set("!");
    var otherEntry = root.proofEntry("name.other_entry", Serializers.string());
    otherEntry.set("!!");
    Hash otherEntryHash = otherEntry.objectHash();

    IndexAccess migrated = IndexViews.over(Migration.of(fork, "name"));
    migrated.proofList("list", Serializers.int64()).addAll(List.of(2L, 3L, 4L));
    var entry = migrated.proofEntry("entry", Serializers.string());
    entry.set("?");
    Hash modifiedEntryHash = entry.objectHash();
    var newEntry = migrated.proofEntry("new", Serializers.string());
    newEntry.set("??");
    Hash newEntryHash = newEntry.objectHash();
    merge(fork);

    fork = db.fork();
    Migration.of(fork, "name").createTombstone(IndexAddress.of("other_list"));
    fork.flushMigration("name");
    try (Patch patch = fork.intoPatch()) {
      assertThat(patch.migrationStateHash("name")).isEqualTo(EMPTY_MAP);
      ProofMapIndex<String, Hash> aggregator = defaultAggregator(patch);
      assertThat(keys(aggregator))
          .containsExactlyInAnyOrder("name.entry", "name.list", "name.new", "name.other_entry");
      assertThat(aggregator.get("name.entry")).contains(modifiedEntryHash);
      assertThat(aggregator.get("name.new")).contains(newEntryHash);
      assertThat(aggregator.get("name.other_entry")).contains(otherEntryHash);
      assertThat(aggregator.objectHash()).isEqualTo(patch.stateHash());
    }
  }

  // Reference scenario: index_metadata_is_removed.
  @Test
  void indexMetadataIsRemoved() {
    Fork fork = db.fork();
    IndexViews.over(fork).entry("test.foo", Serializers.int32()).set(1);
    Migration.of(fork, "test").createTombstone(IndexAddress.of("foo"));
    fork.flushMigration("test");
    try (Patch patch = fork.intoPatch()) {
      assertThat(IndexViews.over(patch).proofEntry("test.foo", Serializers.int32()).objectHash())
          .isEqualTo(Hash.zero());
    }
  }

  // Reference scenario: in_memory_migration_rollback.
  @Test
  void inMemoryMigrationRollback() {
    checkMigrationRollback(false);
  }

  // Reference scenario: migration_rollback_with_merge.
  @Test
  void migrationRollbackWithMerge() {
    checkMigrationRollback(true);
  }

  private void checkMigrationRollback(boolean withMerge) {
    Fork fork = db.fork();
    IndexViews.over(fork).entry("test.foo", Serializers.int32()).set(1);
    IndexViews.over(fork)
        .proofList(IndexAddress.inGroup("test.list", ONE), Serializers.int32())
        .addAll(List.of(1, 2, 3));
    Migration migration = Migration.of(fork, "test");
    IndexViews.over(migration).proofEntry("foo", Serializers.int32()).set(2);
    migration.createTombstone(IndexAddress.inGroup("list", ONE));
    IndexViews.over(migration).valueSet("new", Serializers.string()).add("test");
    if (withMerge) {
      merge(fork);
      fork = db.fork();
    }

    fork.rollbackMigration("test");
    assertThat(IndexViews.over(fork).entry("test.foo", Serializers.int32()).get()).contains(1);
    try (Patch patch = fork.intoPatch()) {
      IndexAccess view = IndexViews.over(patch);
      assertThat(view.entry("test.foo", Serializers.int32()).get()).contains(1);
      assertThat(view.proofList(IndexAddress.inGroup("test.list", ONE), Serializers.int32()))
          .containsExactly(1, 2, 3);
      Migration after = Migration.of(patch, "test");
      assertThat(after.indexType(IndexAddress.of("foo"))).isEmpty();
      assertThat(after.indexType(IndexAddress.inGroup("list", ONE))).isEmpty();
      assertThat(after.indexType(IndexAddress.of("new"))).isEmpty();
      assertThat(after.stateHash()).isEqualTo(EMPTY_MAP);
      // The addresses are free again, for any type.
      assertThat(IndexViews.over(after).entry("foo", Serializers.int32()).get()).isEmpty();
      db.merge(patch);
    }
    try (Fork next = db.fork()) {
      IndexViews.over(Migration.of(next, "test"))
          .map("new", Serializers.int32(), Serializers.int32())
          .put(1, 1);
    }
  }

  @Test
  void tombstonesAndMigratedIndexesExcludeEachOther() {
    try (Fork fork = db.fork()) {
      Migration migration = Migration.of(fork, "svc");
      migration.createTombstone(IndexAddress.of("gone"));
      migration.createTombstone(IndexAddress.of("gone"));
      assertThatThrownBy(() ->
              IndexViews.over(migration).map("gone", Serializers.int32(), Serializers.int32()))
          .isInstanceOf(IndexTypeMismatchException.class);
      IndexViews.over(migration).list("kept", Serializers.int32()).add(1);
      assertThatThrownBy(() -> migration.createTombstone(IndexAddress.of("kept")))
          .isInstanceOf(IndexTypeMismatchException.class);
    }
    try (Snapshot snapshot = db.snapshot()) {
      assertThatThrownBy(() -> Migration.of(snapshot, "svc").createTombstone(IndexAddress.of("x")))
          .isInstanceOf(ReadOnlyStorageException.class);
    }
  }

  @Test
  void migratedDataIsReachableOnlyThroughTheMigration() {
    try (Fork fork = db.fork()) {
      assertThatThrownBy(() -> fork.prefixed("^svc")).hasMessageContaining("'^'");
      assertThatThrownBy(() -> IndexViews.over(fork).entry("^svc.x", Serializers.int32()))
          .hasMessageContaining("reserved for migrations");
      Migration migration = Migration.of(fork, "svc");
      assertThatThrownBy(() -> IndexViews.over(migration).entry("__x", Serializers.int32()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> migration.rawIndex(IndexAddress.of("^x"), IndexType.MAP))
          .hasMessageContaining("reserved");
      assertThatThrownBy(() -> migration.rawIndex(IndexAddress.of("__x"), IndexType.MAP))
          .hasMessageContaining("reserved");
      for (String bad : List.of("a.b", "__core", "^svc", "bad name")) {
        assertThatThrownBy(() -> Migration.of(fork, bad))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fork.flushMigration(bad))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fork.rollbackMigration(bad))
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThatThrownBy(() -> fork.rawIndex(IndexAddress.of("svc.x"), IndexType.TOMBSTONE))
          .hasMessageContaining("tombstone");
    }
  }

  @Test
  void replacedMerkelizedIndexThatBecamePlainLeavesTheStateHash() {
    commit(root -> {
      root.proofList("svc.list", Serializers.int32()).add(1);
      root.proofEntry("svc.kept", Serializers.int32()).set(1);
    });
    Fork fork = db.fork();
    IndexViews.over(Migration.of(fork, "svc")).list("list", Serializers.int32()).add(2);
    merge(fork);
    fork = db.fork();
    fork.flushMigration("svc");
    merge(fork);
    try (Snapshot snapshot = db.snapshot()) {
      assertThat(keys(defaultAggregator(snapshot))).containsExactly("svc.kept");
      assertThat(IndexViews.over(snapshot).list("svc.list", Serializers.int32()))
          .containsExactly(2);
    }
  }

  @Test
  void dataOfReplacedAndRemovedIndexesIsDeletedFromDisk() {
    commit(root -> {
      var map = root.map("svc.replaced", Serializers.int32(), Serializers.int32());
      var removed = root.list("svc.removed", Serializers.int32());
      for (int i = 0; i < 1000; i++) {
        map.put(i, i);
        removed.add(i);
      }
    });
    long replacedId = idOf("svc.replaced");
    long removedId = idOf("svc.removed");
    Fork fork = db.fork();
    Migration migration = Migration.of(fork, "svc");
    IndexViews.over(migration).map("replaced", Serializers.int32(), Serializers.int32()).put(1, 2);
    migration.createTombstone(IndexAddress.of("removed"));
    merge(fork);

    fork = db.fork();
    fork.flushMigration("svc");
    try (Patch patch = fork.intoPatch()) {
      for (long id : List.of(replacedId, removedId)) {
        IndexChanges changes = java.util.Objects.requireNonNull(patch.changes().get(id));
        assertThat(changes.cleared).as("dropped as a whole, by one range delete").isTrue();
        assertThat(changes.size()).isZero();
      }
      db.merge(patch);
    }
    assertThat(rawEntriesOf(replacedId)).isZero();
    assertThat(rawEntriesOf(removedId)).isZero();
    try (Snapshot snapshot = db.snapshot()) {
      var replaced =
          IndexViews.over(snapshot).map("svc.replaced", Serializers.int32(), Serializers.int32());
      assertThat(replaced.entries()).toIterable().containsExactly(java.util.Map.entry(1, 2));
    }
  }

  @Test
  void rolledBackMigrationLeavesNothingOnDisk() {
    Fork fork = db.fork();
    IndexViews.over(Migration.of(fork, "svc")).proofList("list", Serializers.int32()).add(1);
    IndexViews.over(Scratchpad.of(fork, "svc")).list("progress", Serializers.int32()).add(1);
    merge(fork);
    long listId = idOf("^svc.list");
    fork = db.fork();
    fork.rollbackMigration("svc");
    merge(fork);
    assertThat(rawEntriesOf(listId)).isZero();
    assertThat(rawEntriesOf(Keys.METADATA_ID)).as("registry entries").isZero();
  }

  @Test
  void flushAndRollbackAreChangesOfTheForkOnly() {
    Fork fork = db.fork();
    IndexViews.over(Migration.of(fork, "svc")).proofEntry("e", Serializers.int32()).set(5);
    merge(fork);
    Hash migrationHash = migrationHash("svc");
    try (Fork discarded = db.fork()) {
      discarded.flushMigration("svc");
      discarded.rollback();
      assertThat(IndexViews.over(discarded).proofEntry("svc.e", Serializers.int32()).get())
          .as("a later rollback keeps the flush")
          .contains(5);
    }
    try (Fork discarded = db.fork()) {
      discarded.rollbackMigration("svc");
    }
    assertThat(migrationHash("svc")).isEqualTo(migrationHash).isNotEqualTo(EMPTY_MAP);
    try (Snapshot snapshot = db.snapshot()) {
      assertThat(snapshot.indexType(IndexAddress.of("svc.e"))).isEmpty();
    }
  }

  @Test
  void namespacesThatShareAPrefixStayApart() {
    Fork fork = db.fork();
    IndexViews.over(Migration.of(fork, "tes")).proofEntry("e", Serializers.int32()).set(1);
    IndexViews.over(Migration.of(fork, "test")).proofEntry("e", Serializers.int32()).set(2);
    IndexViews.over(Scratchpad.of(fork, "tes")).entry("s", Serializers.int32()).set(1);
    merge(fork);
    Hash tes = migrationHash("tes");
    fork = db.fork();
    fork.flushMigration("test");
    merge(fork);
    assertThat(migrationHash("tes")).isEqualTo(tes).isNotEqualTo(EMPTY_MAP);
    try (Snapshot snapshot = db.snapshot()) {
      assertThat(IndexViews.over(snapshot).proofEntry("test.e", Serializers.int32()).get())
          .contains(2);
      assertThat(snapshot.indexType(IndexAddress.of("tes.e"))).isEmpty();
      assertThat(Scratchpad.of(snapshot, "tes").indexType(IndexAddress.of("s")))
          .contains(IndexType.ENTRY);
    }
  }

  @Test
  void flushedStateHashEqualsThatOfTheSameDataWrittenDirectly() {
    commit(root -> {
      root.list("svc.wallets", Serializers.string()).addAll(List.of("alice", "bob"));
      root.proofEntry("svc.config", Serializers.string()).set("v1");
      root.proofList("svc.obsolete", Serializers.string()).add("x");
      root.proofMap("other.map", Serializers.string(), Serializers.int64()).put("k", 1L);
    });
    Fork fork = db.fork();
    Migration migration = Migration.of(fork, "svc");
    var wallets =
        IndexViews.over(migration).proofMap("wallets", Serializers.string(), Serializers.int64());
    for (String name : IndexViews.over(fork.readOnly()).list("svc.wallets", Serializers.string())) {
      wallets.put(name, 100L);
    }
    IndexViews.over(migration).proofEntry("config", Serializers.string()).set("v2");
    migration.createTombstone(IndexAddress.of("obsolete"));
    merge(fork);
    fork = db.fork();
    fork.flushMigration("svc");
    merge(fork);
    Hash migrated = stateHash();

    try (RocksDbDatabase direct = RocksDbDatabase.open(dir.resolve("direct"))) {
      Fork f = direct.fork();
      IndexAccess root = IndexViews.over(f);
      root.proofMap("other.map", Serializers.string(), Serializers.int64()).put("k", 1L);
      root.proofEntry("svc.config", Serializers.string()).set("v2");
      var map = root.proofMap("svc.wallets", Serializers.string(), Serializers.int64());
      map.put("bob", 100L);
      map.put("alice", 100L);
      Patch patch = f.intoPatch();
      direct.merge(patch);
      patch.close();
      try (Snapshot s = direct.snapshot()) {
        assertThat(s.stateHash()).isEqualTo(migrated);
      }
    }
  }

  static Set<String> keys(ProofMapIndex<String, Hash> aggregator) {
    Set<String> keys = new HashSet<>();
    aggregator.keys().forEachRemaining(keys::add);
    return keys;
  }

  static ProofMapIndex<String, Hash> defaultAggregator(StorageAccess access) {
    return StateAggregator.open(
        access.rawIndexForRead(StateAggregator.ADDRESS, IndexType.PROOF_MAP));
  }

  private long idOf(String name) {
    try (Snapshot snapshot = db.snapshot()) {
      IndexMetadata m =
          IndexRegistry.lookup(
              (KvReader) snapshot, IndexRegistry.metadataKey(IndexAddress.of(name)));
      return java.util.Objects.requireNonNull(m, name).id();
    }
  }

  private long rawEntriesOf(long id) {
    List<byte[]> keys = new ArrayList<>();
    try (var it = db.rocks().newIterator()) {
      byte[] prefix = Keys.prefix(id);
      for (it.seek(prefix); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (!java.util.Arrays.equals(key, 0, 8, prefix, 0, 8)) {
          break;
        }
        keys.add(key);
      }
    }
    return keys.size();
  }

  private Hash stateHash() {
    try (Snapshot s = db.snapshot()) {
      return s.stateHash();
    }
  }

  private Hash migrationHash(String namespace) {
    try (Snapshot s = db.snapshot()) {
      return s.migrationStateHash(namespace);
    }
  }

  private void merge(Fork fork) {
    Patch patch = fork.intoPatch();
    db.merge(patch);
    patch.close();
  }

  private void commit(Consumer<IndexAccess> writes) {
    Fork fork = db.fork();
    writes.accept(IndexViews.over(fork));
    merge(fork);
  }
}
