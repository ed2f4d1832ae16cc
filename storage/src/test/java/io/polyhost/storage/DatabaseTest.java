package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.IndexTypeMismatchException;
import io.polyhost.api.storage.ReadOnlyStorageException;
import io.polyhost.api.storage.StorageException;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest extends WithDatabase {
  private static final IndexAddress A = IndexAddress.of("svc.a");

  @Test
  void writesReachTheDatabaseOnlyThroughMerge() {
    Fork fork = db.fork();
    fork.rawIndex(A, IndexType.MAP).put(b(1), b(10));
    try (Snapshot before = db.snapshot()) {
      assertThat(before.rawIndexForRead(A, IndexType.MAP).get(b(1))).isNull();
    }
    db.merge(fork.intoPatch());
    try (Snapshot after = db.snapshot()) {
      assertThat(after.rawIndexForRead(A, IndexType.MAP).get(b(1))).isEqualTo(b(10));
    }
  }

  @Test
  void snapshotDoesNotSeeLaterMerges() {
    merge(A, b(1), b(1));
    try (Snapshot snapshot = db.snapshot()) {
      merge(A, b(1), b(2));
      assertThat(snapshot.rawIndexForRead(A, IndexType.MAP).get(b(1))).isEqualTo(b(1));
    }
  }

  @Test
  void rollbackUndoesEverythingSinceFlushIncludingIndexCreationAndClear() {
    merge(A, b(1), b(1));
    try (Fork fork = db.fork()) {
      RawIndex a = fork.rawIndex(A, IndexType.MAP);
      a.put(b(2), b(2));
      fork.flush();
      a.clear();
      a.put(b(3), b(3));
      RawIndex created = fork.rawIndex(IndexAddress.of("svc.new"), IndexType.LIST);
      created.setState(b(9));
      fork.rollback();
      assertThat(a.get(b(1))).isEqualTo(b(1));
      assertThat(a.get(b(2))).isEqualTo(b(2));
      assertThat(a.get(b(3))).isNull();
      assertThat(fork.indexType(IndexAddress.of("svc.new"))).isEmpty();
    }
  }

  @Test
  void clearHidesCommittedEntriesAndSurvivesMerge() {
    merge(A, b(1), b(1));
    Fork fork = db.fork();
    RawIndex a = fork.rawIndex(A, IndexType.MAP);
    a.clear();
    a.put(b(5), b(5));
    assertThat(count(a.iterator())).isEqualTo(1);
    db.merge(fork.intoPatch());
    try (Snapshot s = db.snapshot()) {
      RawIndex read = s.rawIndexForRead(A, IndexType.MAP);
      assertThat(read.get(b(1))).isNull();
      assertThat(read.get(b(5))).isEqualTo(b(5));
    }
  }

  @Test
  void reopeningAnAddressAsAnotherTypeFails() {
    merge(A, b(1), b(1));
    try (Fork fork = db.fork()) {
      assertThatThrownBy(() -> fork.rawIndex(A, IndexType.LIST))
          .isInstanceOf(IndexTypeMismatchException.class)
          .hasMessageContaining("svc.a")
          .hasMessageContaining("MAP")
          .hasMessageContaining("LIST");
    }
  }

  @Test
  void readOnlyViewsRejectWritesAndCreateNothing() {
    try (Fork fork = db.fork()) {
      StorageAccess readOnly = fork.readOnly();
      RawIndex missing = readOnly.rawIndex(A, IndexType.MAP);
      assertThat(missing.get(b(1))).isNull();
      assertThatThrownBy(() -> missing.put(b(1), b(1)))
          .isInstanceOf(ReadOnlyStorageException.class);
      assertThat(fork.indexType(A)).isEmpty();
      fork.rawIndex(A, IndexType.MAP).put(b(1), b(2));
      assertThat(readOnly.rawIndex(A, IndexType.MAP).get(b(1))).isEqualTo(b(2));
      assertThatThrownBy(() -> readOnly.rawIndex(A, IndexType.MAP).remove(b(1)))
          .isInstanceOf(ReadOnlyStorageException.class);
    }
  }

  @Test
  void namespacesCannotReachEachOther() {
    try (Fork fork = db.fork()) {
      fork.prefixed("alice").rawIndex(IndexAddress.of("data"), IndexType.MAP).put(b(1), b(1));
      assertThat(fork.prefixed("bob").rawIndex(IndexAddress.of("data"), IndexType.MAP).get(b(1)))
          .isNull();
      assertThat(fork.rawIndex(IndexAddress.of("alice.data"), IndexType.MAP).get(b(1)))
          .isEqualTo(b(1));
      assertThatThrownBy(() -> fork.prefixed("a.b")).hasMessageContaining("single name component");
      assertThatThrownBy(() -> fork.prefixed("__core")).hasMessageContaining("reserved");
      assertThatThrownBy(
              () -> fork.prefixed("alice").rawIndex(IndexAddress.of("^x"), IndexType.MAP))
          .hasMessageContaining("reserved for migrations");
    }
  }

  @Test
  void groupMembersAreSeparateIndexes() {
    try (Fork fork = db.fork()) {
      fork.rawIndex(IndexAddress.inGroup("g", b(1)), IndexType.MAP).put(b(1), b(1));
      assertThat(fork.rawIndex(IndexAddress.inGroup("g", b(2)), IndexType.MAP).get(b(1))).isNull();
      assertThat(fork.rawIndex(IndexAddress.of("g"), IndexType.MAP).get(b(1))).isNull();
    }
  }

  @Test
  void oversizedKeysAndValuesAreRejectedWithTheIndexName() {
    try (Fork fork = db.fork()) {
      RawIndex a = fork.rawIndex(A, IndexType.MAP);
      assertThatThrownBy(() -> a.put(new byte[Limits.MAX_KEY_SIZE + 1], b(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("svc.a")
          .hasMessageContaining("Key of");
      assertThatThrownBy(() -> a.put(b(1), new byte[Limits.MAX_VALUE_SIZE + 1]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Value of");
    }
  }

  @Test
  void invalidNamesAreRejected() {
    assertThatThrownBy(() -> IndexAddress.of("bad name")).hasMessageContaining("' '");
    assertThatThrownBy(() -> IndexAddress.of("a..b")).hasMessageContaining("empty component");
    assertThatThrownBy(() -> IndexAddress.of("")).hasMessageContaining("empty");
  }

  @Test
  void iterationSurvivesWritesToTheSameIndex() {
    try (Fork fork = db.fork()) {
      RawIndex a = fork.rawIndex(A, IndexType.MAP);
      for (int i = 0; i < 1000; i++) {
        a.put(new byte[] {(byte) (i >> 8), (byte) i}, b(1));
      }
      int seen = 0;
      for (Iterator<RawEntry> it = a.iterator(); it.hasNext(); ) {
        a.remove(it.next().key());
        seen++;
      }
      assertThat(seen).isEqualTo(1000);
      assertThat(a.iterator().hasNext()).isFalse();
    }
  }

  @Test
  void usingAFinishedForkOrClosedSnapshotFailsClearly() {
    Fork fork = db.fork();
    Patch patch = fork.intoPatch();
    assertThatThrownBy(() -> fork.rawIndex(A, IndexType.MAP))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("already turned into a patch");
    patch.close();
    assertThatThrownBy(() -> patch.rawIndexForRead(A, IndexType.MAP).get(b(1)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void patchFromAnotherDatabaseIsRejected(@TempDir Path other) {
    try (RocksDbDatabase second = RocksDbDatabase.open(other)) {
      Patch foreign = second.fork().intoPatch();
      assertThatThrownBy(() -> db.merge(foreign)).hasMessageContaining("another database");
    }
  }

  @Test
  void secondOpenOfTheSameDirectoryFailsClearly() {
    assertThatThrownBy(() -> RocksDbDatabase.open(dir))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("Cannot open the database");
  }

  private void merge(IndexAddress address, byte[] key, byte[] value) {
    Fork fork = db.fork();
    fork.rawIndex(address, IndexType.MAP).put(key, value);
    db.merge(fork.intoPatch());
  }

  private static int count(Iterator<RawEntry> it) {
    int n = 0;
    while (it.hasNext()) {
      it.next();
      n++;
    }
    return n;
  }

  private static byte[] b(int v) {
    return new byte[] {(byte) v};
  }
}
