package io.polyhost.storage;

/**
 * How a {@link RocksDbDatabase} is opened.
 *
 * @param syncWrites whether each merge waits for the write-ahead log to reach the disk. Without it
 *     a merge survives a crash of the process (the log is in the operating system's buffers) but
 *     not necessarily a power loss.
 * @param blockCacheBytes the size of RocksDB's block cache
 */
public record DatabaseOptions(boolean syncWrites, long blockCacheBytes) {
  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException if the cache size is negative
   */
  public DatabaseOptions {
    if (blockCacheBytes < 0) {
      throw new IllegalArgumentException(
          "blockCacheBytes must not be negative: " + blockCacheBytes);
    }
  }

  /** Process-crash safe writes and a 128 MiB block cache. */
  public static DatabaseOptions defaults() {
    return new DatabaseOptions(false, 128L * 1024 * 1024);
  }

  /** These options with {@code syncWrites} changed. */
  public DatabaseOptions withSyncWrites(boolean sync) {
    return new DatabaseOptions(sync, blockCacheBytes);
  }
}
