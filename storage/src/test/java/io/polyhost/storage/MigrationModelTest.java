package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.index.IndexViews;
import io.polyhost.storage.index.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random work inside and outside migrations, tombstones, scratchpad writes, fork flushes, merges
 * and migration rollbacks, checked against a plain model: at every merge the aggregators and the
 * migrated data; at the end, after every namespace is flushed, the whole state, which must equal
 * (registry and state hash) that of a database where the final data was written directly.
 */
class MigrationModelTest {
  private static final List<String> UNRELATED = List.of("other_", "unrelated");
  private static final List<String> NAMES = List.of("foo", "bar", "baz_1");
  private static final IndexType[] TYPES = {
    IndexType.MAP,
    IndexType.LIST,
    IndexType.ENTRY,
    IndexType.VALUE_SET,
    IndexType.KEY_SET,
    IndexType.SPARSE_LIST,
    IndexType.PROOF_LIST,
    IndexType.PROOF_MAP,
    IndexType.PROOF_ENTRY
  };
  private static final int CASES = 20;
  private static final int MAX_ACTIONS = 40;

  @TempDir Path dir;

  // Reference scenario: single_migration (and single_migration_with_honest_db_initialization).
  @Test
  void singleMigration() {
    run("singleMigration", List.of("test"), false);
  }

  // Reference scenario: single_migration_with_rollbacks.
  @Test
  void singleMigrationWithRollbacks() {
    run("singleMigrationWithRollbacks", List.of("test"), true);
  }

  // Reference scenario: multiple_migrations_with_synced_end.
  @Test
  void multipleMigrationsWithSyncedEnd() {
    run("multipleMigrationsWithSyncedEnd", List.of("test", "other", "tes"), false);
  }

  // Reference scenario: multiple_migrations_with_synced_end_and_rollbacks.
  @Test
  void multipleMigrationsWithSyncedEndAndRollbacks() {
    run("multipleMigrationsWithSyncedEndAndRollbacks", List.of("test", "other", "tes"), true);
  }

  private void run(String test, List<String> namespaces, boolean rollbacks) {
    long seed = Seeds.pick(test);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < CASES; i++) {
      Case c = new Case(namespaces, rollbacks, random.split(), dir.resolve(test + "-" + i));
      try {
        c.run();
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "seed=" + seed + ", case " + i + ", actions:\n  " + String.join("\n  ", c.log), e);
      }
    }
  }

  /** One random sequence of actions on a fresh database. */
  private static final class Case {
    final List<String> namespaces;
    final boolean rollbacks;
    final SplittableRandom random;
    final Path path;
    final List<String> log = new ArrayList<>();

    /** Every index outside migrations, by full address. */
    final Map<IndexAddress, ModelIndex> original = new LinkedHashMap<>();

    /** Every index of each migration, by address relative to the namespace. */
    final Map<String, Map<IndexAddress, ModelIndex>> migrated = new HashMap<>();

    Case(List<String> namespaces, boolean rollbacks, SplittableRandom random, Path path) {
      this.namespaces = namespaces;
      this.rollbacks = rollbacks;
      this.random = random;
      this.path = path;
      namespaces.forEach(ns -> migrated.put(ns, new LinkedHashMap<>()));
    }

    void run() {
      try (RocksDbDatabase db = RocksDbDatabase.open(path.resolve("migrated"))) {
        Fork fork = db.fork();
        int actions = random.nextInt(1, MAX_ACTIONS + 1);
        for (int step = 0; step < actions; step++) {
          fork = act(db, fork);
        }
        for (String ns : namespaces) {
          log.add("flush migration " + ns);
          fork.flushMigration(ns);
        }
        Map<IndexAddress, ModelIndex> expected = finalState();
        try (Patch patch = fork.intoPatch()) {
          checkFinal(patch, expected);
          db.merge(patch);
        }
        try (Snapshot snapshot = db.snapshot()) {
          checkFinal(snapshot, expected);
          checkSameAsDirect(snapshot, expected);
        }
      }
    }

    private Fork act(RocksDbDatabase db, Fork fork) {
      int op = random.nextInt(100);
      String ns = namespaces.get(random.nextInt(namespaces.size()));
      if (op < 35) {
        IndexAddress address = address();
        IndexType type = TYPES[random.nextInt(TYPES.length)];
        @Nullable Integer value = value();
        log.add("migration " + ns + ": work on " + address + " as " + type + ", " + value);
        IndexType real = ModelIndex.work(Migration.of(fork, ns), address, type, value);
        migrationOf(ns).computeIfAbsent(address, a -> new ModelIndex(real)).record(value);
      } else if (op < 60) {
        String prefix = op < 50 ? ns : UNRELATED.get(random.nextInt(UNRELATED.size()));
        IndexAddress address = address().prepend(prefix);
        IndexType type = TYPES[random.nextInt(TYPES.length)];
        @Nullable Integer value = value();
        log.add("work on " + address + " as " + type + ", " + value);
        IndexType real = ModelIndex.work(fork, address, type, value);
        original.computeIfAbsent(address, a -> new ModelIndex(real)).record(value);
      } else if (op < 70) {
        IndexAddress address = address();
        Migration migration = Migration.of(fork, ns);
        if (migration.indexType(address).isEmpty()) {
          log.add("migration " + ns + ": tombstone " + address);
          migration.createTombstone(address);
          migrationOf(ns).put(address, new ModelIndex(IndexType.TOMBSTONE));
        }
      } else if (op < 76) {
        log.add("scratchpad " + ns);
        IndexViews.over(Scratchpad.of(fork, ns))
            .list(NAMES.get(random.nextInt(NAMES.size())), Serializers.int32())
            .add(random.nextInt());
      } else if (op < 84) {
        log.add("flush fork");
        fork.flush();
      } else if (op < 93 || !rollbacks) {
        log.add("merge fork");
        try (Patch patch = fork.intoPatch()) {
          checkIntermediate(patch);
          db.merge(patch);
        }
        fork = db.fork();
      } else {
        log.add("roll back migration " + ns);
        fork.rollbackMigration(ns);
        migrationOf(ns).clear();
        assertThat(Scratchpad.of(fork, ns).indexType(IndexAddress.of("foo"))).isEmpty();
      }
      return fork;
    }

    private Map<IndexAddress, ModelIndex> migrationOf(String ns) {
      return java.util.Objects.requireNonNull(migrated.get(ns), ns);
    }

    private IndexAddress address() {
      String name = NAMES.get(random.nextInt(NAMES.size()));
      return random.nextInt(4) == 0
          ? IndexAddress.inGroup(name, new byte[] {(byte) random.nextInt(2)})
          : IndexAddress.of(name);
    }

    private @Nullable Integer value() {
      return random.nextInt(10) == 0 ? null : random.nextInt(16);
    }

    private void checkIntermediate(Snapshot snapshot) {
      checkAggregator(snapshot, MigrationTest.defaultAggregator(snapshot), original, "");
      original.forEach((address, index) -> index.check(snapshot, address));
      for (String ns : namespaces) {
        Migration migration = Migration.of(snapshot, ns);
        checkAggregator(migration, migration.stateAggregator(), migrationOf(ns), ns + ".");
        migrationOf(ns).forEach((address, index) -> index.check(migration, address));
      }
    }

    private Map<IndexAddress, ModelIndex> finalState() {
      Map<IndexAddress, ModelIndex> state = new LinkedHashMap<>(original);
      migrated.forEach((ns, indexes) ->
          indexes.forEach((address, index) -> {
            if (index.type == IndexType.TOMBSTONE) {
              state.remove(address.prepend(ns));
            } else {
              state.put(address.prepend(ns), index);
            }
          }));
      return state;
    }

    private void checkFinal(Snapshot snapshot, Map<IndexAddress, ModelIndex> expected) {
      expected.forEach((address, index) -> index.check(snapshot, address));
      checkAggregator(snapshot, MigrationTest.defaultAggregator(snapshot), expected, "");
      for (String ns : namespaces) {
        assertThat(snapshot.migrationStateHash(ns)).isEqualTo(MigrationTest.EMPTY_MAP);
        migrationOf(ns)
            .forEach((address, index) -> {
              if (index.type == IndexType.TOMBSTONE) {
                IndexAddress removed = address.prepend(ns);
                assertThat(snapshot.indexType(removed)).as("removed %s", removed).isEmpty();
                assertThat(ModelIndex.objectHash(snapshot, removed, IndexType.PROOF_MAP))
                    .isEqualTo(MigrationTest.EMPTY_MAP);
              }
            });
      }
      assertThat(registry(snapshot).keySet())
          .as("no index is left in a migration or scratchpad")
          .allMatch(name -> !name.startsWith("^") && !name.startsWith("__"))
          .hasSize(expected.size());
    }

    private void checkSameAsDirect(Snapshot migratedState, Map<IndexAddress, ModelIndex> expected) {
      try (RocksDbDatabase direct = RocksDbDatabase.open(path.resolve("direct"))) {
        Fork fork = direct.fork();
        expected.forEach((address, index) -> index.writeDirectly(fork, address));
        try (Patch patch = fork.intoPatch()) {
          direct.merge(patch);
        }
        try (Snapshot snapshot = direct.snapshot()) {
          assertThat(registry(migratedState)).isEqualTo(registry(snapshot));
          assertThat(migratedState.stateHash()).isEqualTo(snapshot.stateHash());
        }
      }
    }

    /** Checks that an aggregator holds exactly the Merkelized ungrouped indexes of a model. */
    private static void checkAggregator(
        StorageAccess access,
        ProofMapIndex<String, Hash> aggregator,
        Map<IndexAddress, ModelIndex> indexes,
        String keyPrefix) {
      Map<String, Hash> expected = new TreeMap<>();
      indexes.forEach((address, index) -> {
        if (!address.isInGroup() && index.type.isMerkelized()) {
          expected.put(
              keyPrefix + address.name(), ModelIndex.objectHash(access, address, index.type));
        }
      });
      Map<String, Hash> actual = new TreeMap<>();
      aggregator.entries().forEachRemaining(e -> actual.put(e.getKey(), e.getValue()));
      assertThat(actual).as("aggregator").isEqualTo(expected);
    }

    /** Every index in the registry but the database's own, by address, with its type. */
    private static Map<String, IndexType> registry(Snapshot snapshot) {
      Map<String, IndexType> out = new TreeMap<>();
      KvReader reader = ((ReadOnlySnapshot) snapshot).reader();
      Iterator<RawEntry> it = reader.scan(Keys.METADATA_ID, new byte[] {Keys.METADATA_BY_ADDRESS});
      while (it.hasNext()) {
        RawEntry e = it.next();
        if (e.key()[0] != Keys.METADATA_BY_ADDRESS) {
          break;
        }
        IndexAddress address =
            Keys.parseAddress(java.util.Arrays.copyOfRange(e.key(), 1, e.key().length));
        if (!address.name().startsWith("__")) {
          out.put(address.toString(), IndexMetadata.decode(e.value()).type());
        }
      }
      return out;
    }
  }
}
