package io.polyhost.storage;

/**
 * How a {@link RocksDbDatabase} is opened.
 *
 * @param syncWrites whether each merge waits for the write-ahead log to reach the disk. Without it
 *     a merge survives a crash of the process (the log is in the operating system's buffers) but
 *     not necessarily a power loss.
 * @param blockCacheBytes the size of RocksDB's block cache
 * @param pageCacheBytes the size of the database's {@link ContentCache}: proof map branch pages
 *     kept on the Java heap, so that proof map updates and proofs rarely read them from RocksDB. A
 *     map of a million random keys needs about 150 MiB to keep every page; 0 disables it.
 * @param valueCacheBytes the size of the database's cache of recently read values of the current
 *     state (see {@code RecentValues}), on the Java heap; 0 disables it.
 */
public record DatabaseOptions(
    boolean syncWrites, long blockCacheBytes, long pageCacheBytes, long valueCacheBytes) {
  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException if a cache size is negative
   */
  public DatabaseOptions {
    if (blockCacheBytes < 0) {
      throw new IllegalArgumentException(
          "blockCacheBytes must not be negative: " + blockCacheBytes);
    }
    if (pageCacheBytes < 0) {
      throw new IllegalArgumentException("pageCacheBytes must not be negative: " + pageCacheBytes);
    }
    if (valueCacheBytes < 0) {
      throw new IllegalArgumentException(
          "valueCacheBytes must not be negative: " + valueCacheBytes);
    }
  }

  /**
   * Process-crash safe writes, a 128 MiB block cache, a 256 MiB page cache and a 64 MiB value
   * cache.
   */
  public static DatabaseOptions defaults() {
    return new DatabaseOptions(false, 128L << 20, 256L << 20, 64L << 20);
  }

  /** These options with {@code syncWrites} changed. */
  public DatabaseOptions withSyncWrites(boolean sync) {
    return new DatabaseOptions(sync, blockCacheBytes, pageCacheBytes, valueCacheBytes);
  }

  /**
   * These options with {@code pageCacheBytes} changed.
   *
   * @throws IllegalArgumentException if {@code bytes} is negative
   */
  public DatabaseOptions withPageCacheBytes(long bytes) {
    return new DatabaseOptions(syncWrites, blockCacheBytes, bytes, valueCacheBytes);
  }

  /**
   * These options with {@code valueCacheBytes} changed.
   *
   * @throws IllegalArgumentException if {@code bytes} is negative
   */
  public DatabaseOptions withValueCacheBytes(long bytes) {
    return new DatabaseOptions(syncWrites, blockCacheBytes, pageCacheBytes, bytes);
  }
}
