package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.storage.index.Seeds;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The value cache ({@link RecentValues}) behind {@link DbSnapshot#get}: reads through it must
 * answer exactly what the snapshot holds, for old and new snapshots and forks alike, across merges
 * that write, remove and clear, and while another thread merges.
 */
class RecentValuesTest extends WithDatabase {
  private static final IndexAddress A = IndexAddress.of("svc.a");
  private static final IndexAddress B = IndexAddress.of("svc.b");
  private static final List<IndexAddress> INDEXES = List.of(A, B);

  @Test
  void everyReadMatchesTheStateItsSnapshotShows() {
    long seed = Seeds.pick("RecentValuesTest");
    SplittableRandom random = new SplittableRandom(seed);
    // states.get(v): each index's contents after v merges.
    List<Map<IndexAddress, Map<Integer, Integer>>> states = new ArrayList<>();
    states.add(Map.of(A, Map.of(), B, Map.of()));
    List<Snapshot> kept = new ArrayList<>();
    List<Integer> keptVersions = new ArrayList<>();
    for (int merge = 1; merge <= 60; merge++) {
      Map<IndexAddress, Map<Integer, Integer>> next = new HashMap<>();
      try (Fork fork = db.fork()) {
        for (IndexAddress address : INDEXES) {
          Map<Integer, Integer> contents = new HashMap<>(states.getLast().get(address));
          RawIndex index = fork.rawIndex(address, IndexType.MAP);
          if (random.nextInt(15) == 0) {
            index.clear();
            contents.clear();
          }
          for (int i = random.nextInt(30); i > 0; i--) {
            int key = random.nextInt(40);
            if (random.nextInt(3) == 0) {
              index.remove(b(key));
              contents.remove(key);
            } else {
              int value = random.nextInt();
              index.put(b(key), b(value));
              contents.put(key, value);
            }
          }
          // Reads inside the fork go through the cache for keys the fork has not changed.
          checkAll(
              a -> fork.rawIndexForRead(a, IndexType.MAP),
              Map.of(address, contents),
              seed,
              "fork before merge " + merge);
          next.put(address, contents);
        }
        db.merge(fork.intoPatch());
      }
      states.add(next);
      if (random.nextInt(4) == 0) {
        kept.add(db.snapshot());
        keptVersions.add(merge);
      }
      // Read the newest state twice (the second time from the cache) and some older ones.
      try (Snapshot now = db.snapshot()) {
        checkAll(
            a -> now.rawIndexForRead(a, IndexType.MAP), next, seed, "latest after merge " + merge);
        checkAll(
            a -> now.rawIndexForRead(a, IndexType.MAP),
            next,
            seed,
            "latest again after merge " + merge);
      }
      for (int i = 0; i < kept.size(); i++) {
        Snapshot old = kept.get(i);
        checkAll(
            a -> old.rawIndexForRead(a, IndexType.MAP),
            states.get(keptVersions.get(i)),
            seed,
            "snapshot of " + i);
      }
    }
    assertThat(db.recentValues().size()).as("the cache was used").isPositive();
    kept.forEach(Snapshot::close);
  }

  @Test
  void aCallerModifyingWhatItReadChangesNothing() {
    try (Fork fork = db.fork()) {
      fork.rawIndex(A, IndexType.MAP).put(b(1), b(11));
      db.merge(fork.intoPatch());
    }
    try (Snapshot s = db.snapshot()) {
      RawIndex a = s.rawIndexForRead(A, IndexType.MAP);
      Objects.requireNonNull(a.get(b(1)))[0] = 99; // from RocksDB, now learned
      byte[] cached = Objects.requireNonNull(a.get(b(1))); // from the cache
      assertThat(cached).isEqualTo(b(11));
      cached[0] = 99;
      assertThat(a.get(b(1))).isEqualTo(b(11));
    }
  }

  /**
   * A merge reports its keys only for indexes the cache holds something of: the count of an index
   * follows its entries as they are learned, rewritten, removed, evicted and forgotten.
   */
  @Test
  void anIndexCountsAsHeldExactlyWhileTheCacheHoldsAnEntryOfIt() {
    // Room for a handful of entries per segment, so that learning many keys evicts older ones.
    RecentValues cache = new RecentValues(16 * 4 * (RecentValues.ENTRY_OVERHEAD + 20));
    cache.open(0);
    cache.learn(0, 5, Keys.raw(5, b(1)), b(1));
    cache.learn(0, 5, Keys.raw(5, b(2)), b(2));
    cache.learn(0, 5, Keys.raw(5, b(2)), b(3)); // the same key again: still two entries
    cache.learn(7, 9, Keys.raw(9, b(1)), b(1)); // another version: not kept, not counted
    assertThat(cache.mayHold(5)).isTrue();
    assertThat(cache.mayHold(9)).isFalse();
    assertThat(cache.mayHold(6)).isFalse();

    cache.beginMerge();
    cache.written(Keys.raw(5, b(1)), null);
    cache.written(Keys.raw(5, b(2)), b(4)); // updated, still held
    cache.endMerge(1);
    assertThat(cache.mayHold(5)).isTrue();
    assertThat(cache.get(1, 5, Keys.raw(5, b(2)))).isEqualTo(b(4));

    cache.beginMerge();
    cache.written(Keys.raw(5, b(2)), null);
    cache.endMerge(2);
    assertThat(cache.mayHold(5)).as("both keys removed").isFalse();

    cache.learn(2, 5, Keys.raw(5, b(3)), b(3));
    for (int k = 0; k < 2_000; k++) {
      cache.learn(2, 6, Keys.raw(6, b(k)), b(k));
    }
    assertThat(cache.get(2, 5, Keys.raw(5, b(3)))).as("evicted").isNull();
    assertThat(cache.mayHold(5)).as("its only entry evicted").isFalse();
    assertThat(cache.mayHold(6)).isTrue();

    cache.beginMerge();
    cache.forgetAll();
    cache.endMerge(3);
    assertThat(cache.mayHold(6)).isFalse();
    assertThat(cache.size()).isZero();
  }

  @Test
  void aDisabledCacheKeepsNothing() {
    try (RocksDbDatabase off =
        RocksDbDatabase.open(
            dir.resolve("off"), DatabaseOptions.defaults().withValueCacheBytes(0))) {
      try (Fork fork = off.fork()) {
        fork.rawIndex(A, IndexType.MAP).put(b(1), b(11));
        off.merge(fork.intoPatch());
      }
      try (Snapshot s = off.snapshot()) {
        assertThat(s.rawIndexForRead(A, IndexType.MAP).get(b(1))).isEqualTo(b(11));
      }
      assertThat(off.recentValues().size()).isZero();
    }
  }

  /**
   * One thread merges version after version, each writing its own number at one key; readers take
   * snapshots meanwhile. A snapshot that shows exactly the state after {@code v} merges must read
   * {@code v}, however the reads and the merges interleave.
   */
  @Test
  void readersRacingAWriterNeverSeeAnotherVersionsValue() throws Exception {
    try (Fork fork = db.fork()) {
      fork.rawIndex(A, IndexType.MAP).put(b(0), b(1)); // the value is the version it makes
      db.merge(fork.intoPatch());
    }
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<@Nullable String> failure = new AtomicReference<>();
    AtomicLong reads = new AtomicLong();
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      readers.add(
          Thread.ofPlatform()
              .start(() -> {
                while (!done.get() && failure.get() == null) {
                  try (DbSnapshot s = (DbSnapshot) db.snapshot()) {
                    RawIndex a = s.rawIndexForRead(A, IndexType.MAP);
                    for (int i = 0; i < 3; i++) {
                      byte[] value = a.get(b(0));
                      long read = value == null ? -1 : ByteBuffer.wrap(value).getInt();
                      if (s.exact() && read != s.version()) {
                        failure.set("exact snapshot of version " + s.version() + " read " + read);
                      } else if (read < s.version()) {
                        failure.set("snapshot of version " + s.version() + " read " + read);
                      }
                      reads.incrementAndGet();
                    }
                  }
                }
              }));
    }
    for (int v = 2; v <= 3_000 && failure.get() == null; v++) {
      try (Fork fork = db.fork()) {
        fork.rawIndex(A, IndexType.MAP).put(b(0), b(v));
        db.merge(fork.intoPatch());
      }
    }
    done.set(true);
    for (Thread reader : readers) {
      reader.join();
    }
    assertThat(failure.get()).isNull();
    assertThat(reads.get()).isPositive();
  }

  private static void checkAll(
      Function<IndexAddress, RawIndex> open,
      Map<IndexAddress, Map<Integer, Integer>> expected,
      long seed,
      String where) {
    for (Map.Entry<IndexAddress, Map<Integer, Integer>> e : expected.entrySet()) {
      RawIndex index = open.apply(e.getKey());
      for (int key = 0; key < 40; key++) {
        Integer value = e.getValue().get(key);
        assertThat(index.get(b(key)))
            .as("seed %d, %s, %s key %d", seed, where, e.getKey(), key)
            .isEqualTo(value == null ? null : b(value));
      }
    }
  }

  private static byte[] b(int i) {
    return ByteBuffer.allocate(4).putInt(i).array();
  }
}
