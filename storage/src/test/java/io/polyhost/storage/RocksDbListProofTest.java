package io.polyhost.storage;

import io.polyhost.storage.index.ListProofContract;
import io.polyhost.storage.index.RawIndexSource;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** {@link ListProofContract} against RocksDB, with merges and reopens in between. */
class RocksDbListProofTest extends ListProofContract {
  @TempDir Path dir;
  private RocksDbIndexSource source;

  @BeforeEach
  void open(TestInfo test) {
    source = new RocksDbIndexSource(dir, test.getDisplayName().hashCode());
  }

  @AfterEach
  void close() {
    source.close();
  }

  @Override
  protected RawIndexSource source() {
    return source;
  }
}
