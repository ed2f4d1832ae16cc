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
 * @param deferredPageBytes how much heap the proof map pages that merges rewrote may take before
 *     they are written to RocksDB (a checkpoint, written by a thread of its own while merges go on;
 *     a merge waits for it only once the pages take twice this). Until then a merge writes only the
 *     leaves and a short log of the leaf changes, and keeps the pages in memory, because pages near
 *     the root are rewritten by every merge: writing each version cost more than half of a proof
 *     map update. A crash loses only what the log can rebuild when the database is next opened. 0
 *     writes every page at every merge. The default, 64 MiB, is about 27 merges of 1,000 keys into
 *     a map of a million keys (at 10k keys, the 64 merges an overlay may span at most): at 100k
 *     keys it cut the inserting thread's CPU per batch by about 40 % where 8 MiB saved nothing, and
 *     256 MiB saved a further fifth for four times the heap and four times the rebuilding after a
 *     crash.
 */
public record DatabaseOptions(
    boolean syncWrites,
    long blockCacheBytes,
    long pageCacheBytes,
    long valueCacheBytes,
    long deferredPageBytes) {
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
    if (deferredPageBytes < 0) {
      throw new IllegalArgumentException(
          "deferredPageBytes must not be negative: " + deferredPageBytes);
    }
  }

  /** The default of {@code deferredPageBytes}; see {@link #defaults()}. */
  static final long DEFAULT_DEFERRED_PAGE_BYTES = 64L << 20;

  /**
   * Process-crash safe writes, a 128 MiB block cache, a 256 MiB page cache and a 64 MiB value
   * cache.
   */
  public static DatabaseOptions defaults() {
    return new DatabaseOptions(
        false, 128L << 20, 256L << 20, 64L << 20, DEFAULT_DEFERRED_PAGE_BYTES);
  }

  /** These options with {@code syncWrites} changed. */
  public DatabaseOptions withSyncWrites(boolean sync) {
    return new DatabaseOptions(
        sync, blockCacheBytes, pageCacheBytes, valueCacheBytes, deferredPageBytes);
  }

  /**
   * These options with {@code pageCacheBytes} changed.
   *
   * @throws IllegalArgumentException if {@code bytes} is negative
   */
  public DatabaseOptions withPageCacheBytes(long bytes) {
    return new DatabaseOptions(
        syncWrites, blockCacheBytes, bytes, valueCacheBytes, deferredPageBytes);
  }

  /**
   * These options with {@code valueCacheBytes} changed.
   *
   * @throws IllegalArgumentException if {@code bytes} is negative
   */
  public DatabaseOptions withValueCacheBytes(long bytes) {
    return new DatabaseOptions(
        syncWrites, blockCacheBytes, pageCacheBytes, bytes, deferredPageBytes);
  }

  /**
   * These options with {@code deferredPageBytes} changed.
   *
   * @throws IllegalArgumentException if {@code bytes} is negative
   */
  public DatabaseOptions withDeferredPageBytes(long bytes) {
    return new DatabaseOptions(syncWrites, blockCacheBytes, pageCacheBytes, valueCacheBytes, bytes);
  }
}
