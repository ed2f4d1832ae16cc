package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options the database relies on for speed reach RocksDB (it records them in its OPTIONS file). */
class RocksDbOptionsTest {
  @TempDir Path dir;

  @Test
  void memtableInsertsAreHintedPerIndex() throws IOException {
    try (RocksDbDatabase db = RocksDbDatabase.open(dir)) {
      assertThat(db.directory()).isEqualTo(dir);
    }
    assertThat(optionsFileLines())
        .contains("  memtable_insert_with_hint_prefix_extractor=rocksdb.FixedPrefix.8")
        .contains("  memtable_whole_key_filtering=true");
  }

  private List<String> optionsFileLines() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      Path latest =
          files
              .filter(p -> p.getFileName().toString().startsWith("OPTIONS-"))
              .max(Path::compareTo)
              .orElseThrow(() -> new AssertionError("RocksDB wrote no OPTIONS file in " + dir));
      return Files.readAllLines(latest);
    }
  }
}
