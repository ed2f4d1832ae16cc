package io.polyhost.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test with a fresh RocksDB database in a temporary folder: opened before each test as {@link
 * #db}, closed after it. {@link #dir} is the folder, for tests that open more databases there.
 */
public abstract class WithDatabase {
  @TempDir protected Path dir;
  protected RocksDbDatabase db;

  @BeforeEach
  final void openDatabase() {
    db = RocksDbDatabase.open(dir);
  }

  @AfterEach
  final void closeDatabase() {
    db.close();
  }
}
