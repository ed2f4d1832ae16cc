package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.StorageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class DataFormatTest {
  private static final IndexAddress A = IndexAddress.of("svc.a");
  private static final byte[] MARKER = Keys.raw(DataFormat.MARKER_ID, Keys.EMPTY);

  @TempDir Path dir;

  @Test
  void aNewFolderIsMarkedAndOpensAgain() throws Exception {
    try (RocksDbDatabase db = RocksDbDatabase.open(dir)) {
      Fork fork = db.fork();
      fork.rawIndex(A, IndexType.MAP).put(new byte[] {1}, new byte[] {2});
      db.merge(fork.intoPatch());
    }
    try (RocksDbDatabase db = RocksDbDatabase.open(dir);
        Snapshot snapshot = db.snapshot()) {
      assertThat(snapshot.rawIndexForRead(A, IndexType.MAP).get(new byte[] {1}))
          .isEqualTo(new byte[] {2});
    }
    assertThat(rawGet(MARKER)).isEqualTo(DataFormat.encode(DataFormat.CURRENT));
  }

  @Test
  void dataWithoutAMarkerIsRefusedAndLeftAlone() throws Exception {
    byte[] key = Keys.raw(7, new byte[] {9});
    try (Options options = new Options().setCreateIfMissing(true);
        RocksDB rocks = RocksDB.open(options, dir.toString())) {
      rocks.put(key, new byte[] {42});
    }
    assertThatThrownBy(() -> RocksDbDatabase.open(dir))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("older Polyhost (data format 1)")
        .hasMessageContaining("reads data format " + DataFormat.CURRENT)
        .hasMessageContaining("--data-dir");
    // The refusal released the folder and wrote nothing: no marker, the data as it was.
    assertThat(rawGet(MARKER)).isNull();
    assertThat(rawGet(key)).isEqualTo(new byte[] {42});
  }

  @Test
  void aNewerFormatIsRefused() throws Exception {
    RocksDbDatabase.open(dir).close();
    try (Options options = new Options();
        RocksDB rocks = RocksDB.open(options, dir.toString())) {
      rocks.put(MARKER, DataFormat.encode(DataFormat.CURRENT + 1));
    }
    assertThatThrownBy(() -> RocksDbDatabase.open(dir))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("newer Polyhost (data format " + (DataFormat.CURRENT + 1) + ")");
  }

  @Test
  void aCorruptMarkerIsRefused() throws Exception {
    RocksDbDatabase.open(dir).close();
    try (Options options = new Options();
        RocksDB rocks = RocksDB.open(options, dir.toString())) {
      rocks.put(MARKER, new byte[] {2});
    }
    assertThatThrownBy(() -> RocksDbDatabase.open(dir))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("data format marker")
        .hasMessageContaining("corrupt");
  }

  private byte[] rawGet(byte[] key) throws Exception {
    try (Options options = new Options();
        RocksDB rocks = RocksDB.open(options, dir.toString())) {
      return rocks.get(key);
    }
  }
}
