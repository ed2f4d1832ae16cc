package io.polyhost.benchmarks;

import io.polyhost.storage.RocksDbDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A RocksDB database in a fresh temporary directory, removed again on close.
 *
 * <p>Benchmarks measure the real storage stack (native RocksDB, files on disk), not an in-memory
 * stand-in, so their figures are the ones a node would see.
 */
final class TempDatabase implements AutoCloseable {
  private final Path directory;
  private final RocksDbDatabase db;

  private TempDatabase(Path directory) {
    this.directory = directory;
    this.db = RocksDbDatabase.open(directory);
  }

  /** Creates an empty database under {@code java.io.tmpdir}. */
  static TempDatabase create() {
    try {
      return new TempDatabase(Files.createTempDirectory("polyhost-bench-"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary database directory", e);
    }
  }

  RocksDbDatabase db() {
    return db;
  }

  /** Closes the database and deletes its directory. */
  @Override
  public void close() {
    db.close();
    try (Stream<Path> walk = Files.walk(directory)) {
      List<Path> deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : deepestFirst) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the benchmark database " + directory, e);
    }
  }
}
