package io.polyhost.host.cli;

import io.polyhost.host.config.NodeHome;
import io.polyhost.storage.RocksDbDatabase;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the database of a node that is not running, for maintenance. */
final class StoppedNode {
  private StoppedNode() {}

  /**
   * The database in {@code dataDir}.
   *
   * @throws IllegalArgumentException if there is none
   * @throws IllegalStateException if it cannot be opened, e.g. because the node runs
   */
  static RocksDbDatabase open(Path dataDir) {
    Path dir = NodeHome.databaseDir(dataDir);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "There is no database in "
              + dir
              + "; give the node's data folder with --data-dir or --config");
    }
    try {
      return RocksDbDatabase.open(dir);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Cannot open the database in "
              + dir
              + " ("
              + e.getMessage()
              + "); is the node still running? Stop it first",
          e);
    }
  }
}
