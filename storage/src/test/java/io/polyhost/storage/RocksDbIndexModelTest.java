package io.polyhost.storage;

import io.polyhost.storage.index.IndexModelContract;
import io.polyhost.storage.index.RawIndexSource;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** Every simple index view's model check against RocksDB, with merges and reopens in between. */
class RocksDbIndexModelTest extends IndexModelContract {
  @TempDir Path dir;
  private RocksDbIndexSource source;

  @BeforeEach
  void open(TestInfo test) {
    // A fixed seed per test: the check's own printed seed then replays the whole run.
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

  @Override
  protected int operations() {
    return 1500;
  }
}
