package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;

/**
 * Merges drop deletes of keys the database cannot hold, using what the fork's scans saw of its
 * snapshot; these tests pin down that a delete the database needs is never dropped.
 */
class MergeDeletesTest extends WithDatabase {
  private static final IndexAddress A = IndexAddress.of("svc.a");
  private static final byte[] MARK_REGION = {0x02};

  @Test
  void aKeyWrittenAndRemovedInOneForkWritesNoDelete() throws RocksDBException {
    merge(fork -> fork.rawIndex(A, IndexType.MAP).put(b(1), b(1)));
    long deletes = deletesInMemtable();
    merge(fork -> {
      RawIndex a = fork.rawIndex(A, IndexType.MAP);
      a.put(mark(7), b(7));
      drain(a.iterator(MARK_REGION)); // the scan sees no mark in the snapshot
      a.remove(mark(7));
    });
    assertThat(deletesInMemtable()).isEqualTo(deletes);
  }

  @Test
  void aDeleteIsKeptWhenAnotherMergeWroteTheKeyAfterTheForksSnapshot() {
    merge(fork -> fork.rawIndex(A, IndexType.MAP).put(b(1), b(1)));
    Fork late = db.fork();
    RawIndex a = late.rawIndex(A, IndexType.MAP);
    a.put(mark(7), b(7));
    drain(a.iterator(MARK_REGION)); // empty in late's snapshot
    a.remove(mark(7));
    merge(fork -> fork.rawIndex(A, IndexType.MAP).put(mark(7), b(8)));
    db.merge(late.intoPatch());
    try (Snapshot s = db.snapshot()) {
      assertThat(s.rawIndexForRead(A, IndexType.MAP).get(mark(7)))
          .as("the later patch removes the key, as it would without the shortcut")
          .isNull();
    }
  }

  @Test
  void aDeleteIsKeptWhenTheSnapshotHeldTheKey() {
    merge(fork -> fork.rawIndex(A, IndexType.MAP).put(mark(7), b(7)));
    merge(fork -> {
      RawIndex a = fork.rawIndex(A, IndexType.MAP);
      a.put(mark(8), b(8));
      drain(a.iterator(mark(8))); // sees nothing from mark(8) on, but mark(7) is below
      a.remove(mark(7));
      a.remove(mark(8));
    });
    try (Snapshot s = db.snapshot()) {
      assertThat(s.rawIndexForRead(A, IndexType.MAP).get(mark(7))).isNull();
    }
  }

  @Test
  void aClearOfASmallIndexDeletesItsKeysOneByOne() throws RocksDBException {
    merge(fork -> {
      RawIndex a = fork.rawIndex(A, IndexType.MAP);
      for (int i = 0; i < 10; i++) {
        a.put(b(i), b(i));
      }
    });
    long deletes = deletesInMemtable();
    merge(fork -> {
      RawIndex a = fork.rawIndex(A, IndexType.MAP);
      a.clear();
      a.put(b(3), b(33)); // written again after the clear: the put must win over its delete
    });
    // A range deletion would count as no point delete (and turn off the memtable's bloom filter
    // for batched reads until the memtable is flushed).
    assertThat(deletesInMemtable() - deletes).isEqualTo(10);
    try (Snapshot s = db.snapshot()) {
      RawIndex a = s.rawIndexForRead(A, IndexType.MAP);
      for (int i = 0; i < 10; i++) {
        assertThat(a.get(b(i))).as("key %d", i).isEqualTo(i == 3 ? b(33) : null);
      }
    }
  }

  @Test
  void aClearOfALargeIndexIsOneRangeDeletion() throws RocksDBException {
    int size = RocksDbDatabase.POINT_CLEAR_LIMIT + 1;
    IndexAddress other = IndexAddress.of("svc.other");
    merge(fork -> {
      RawIndex a = fork.rawIndex(A, IndexType.MAP);
      for (int i = 0; i < size; i++) {
        a.put(key(i), b(1));
      }
      fork.rawIndex(other, IndexType.MAP).put(b(1), b(1));
    });
    long deletes = deletesInMemtable();
    merge(fork -> {
      RawIndex a = fork.rawIndex(A, IndexType.MAP);
      a.clear();
      a.put(key(5), b(55));
    });
    assertThat(deletesInMemtable() - deletes).isZero();
    try (Snapshot s = db.snapshot()) {
      RawIndex a = s.rawIndexForRead(A, IndexType.MAP);
      assertThat(a.get(key(0))).isNull();
      assertThat(a.get(key(size - 1))).isNull();
      assertThat(a.get(key(5))).isEqualTo(b(55));
      Iterator<RawEntry> all = a.iterator(new byte[0]);
      assertThat(all.next().key()).isEqualTo(key(5));
      assertThat(all.hasNext()).isFalse();
      assertThat(s.rawIndexForRead(other, IndexType.MAP).get(b(1)))
          .as("the index next to it is untouched")
          .isEqualTo(b(1));
    }
  }

  private static byte[] key(int i) {
    return new byte[] {(byte) (i >>> 8), (byte) i};
  }

  private void merge(java.util.function.Consumer<Fork> writes) {
    try (Fork fork = db.fork()) {
      writes.accept(fork);
      db.merge(fork.intoPatch());
    }
  }

  private long deletesInMemtable() throws RocksDBException {
    return db.rocks().getLongProperty("rocksdb.num-deletes-active-mem-table");
  }

  private static void drain(Iterator<RawEntry> it) {
    while (it.hasNext()) {
      it.next();
    }
  }

  private static byte[] mark(int i) {
    return new byte[] {0x02, (byte) i};
  }

  private static byte[] b(int i) {
    return new byte[] {(byte) i};
  }
}
