package io.polyhost.runtime.java;

/**
 * Bounds on an artifact JAR, checked while it is read so that a hostile JAR cannot exhaust the
 * node's memory or disk.
 *
 * @param maxJarBytes the largest JAR file accepted
 * @param maxEntries the most entries (directories included) a JAR may have
 * @param maxEntryBytes the largest uncompressed size of one entry
 * @param maxTotalBytes the largest uncompressed size of all entries together
 * @param maxCompressionRatio the highest uncompressed-to-compressed ratio allowed for an entry
 *     larger than {@link #RATIO_CHECK_THRESHOLD} bytes; real class files and resources stay far
 *     below 100, zip bombs far above
 */
public record JarLimits(
    long maxJarBytes,
    int maxEntries,
    long maxEntryBytes,
    long maxTotalBytes,
    int maxCompressionRatio) {
  /** Entries at most this large are never refused for their compression ratio. */
  public static final long RATIO_CHECK_THRESHOLD = 1L << 20;

  /**
   * Checks the limits.
   *
   * @throws IllegalArgumentException if a limit is not positive, or a single entry may exceed the
   *     total
   */
  public JarLimits {
    if (maxJarBytes <= 0
        || maxEntries <= 0
        || maxEntryBytes <= 0
        || maxTotalBytes <= 0
        || maxCompressionRatio <= 0) {
      throw new IllegalArgumentException("Every JAR limit must be positive: " + this);
    }
    if (maxEntryBytes > maxTotalBytes) {
      throw new IllegalArgumentException(
          "maxEntryBytes (" + maxEntryBytes + ") exceeds maxTotalBytes (" + maxTotalBytes + ")");
    }
  }

  /** 64 MiB JARs, 20,000 entries, 16 MiB per entry, 256 MiB in all, ratio 100. */
  public static JarLimits defaults() {
    return new JarLimits(64L << 20, 20_000, 16L << 20, 256L << 20, 100);
  }
}
