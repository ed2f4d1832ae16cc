package io.polyhost.storage;

import io.polyhost.api.storage.StorageException;
import java.nio.file.Path;
import java.util.Arrays;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The format of a data folder, recorded in the folder itself, so that a node never reads (and so
 * never damages) data laid out by a version that stored things differently.
 *
 * <p>The number covers everything stored through this database: the storage engine's key layout and
 * the node's core schema alike. Raise {@link #CURRENT} whenever a change makes older folders
 * unreadable; a folder from before the number existed holds data but no marker, and is refused the
 * same way.
 */
final class DataFormat {
  private DataFormat() {}

  /**
   * Format 2 (2026-11-22): proof-map pages kept in memory between checkpoints with a log of leaf
   * changes, one {@code core.transactions} record per transaction holding its location, and each
   * block's transaction hashes stored packed. Format 1 is every folder written before.
   */
  static final int CURRENT = 2;

  /**
   * The marker's index id: above every id the registry hands out (they count up from 0) and below
   * the derivation log's ({@link DerivationLog#LOG_ID}, top bit set), so no scan meets it.
   */
  static final long MARKER_ID = Long.MAX_VALUE;

  private static final byte[] MARKER_KEY = Keys.raw(MARKER_ID, Keys.EMPTY);

  /**
   * Marks a new, empty folder with the current format, or checks an existing folder's mark.
   *
   * @throws StorageException if the folder holds data of another format, saying what to do
   */
  static void checkOrMark(RocksDB rocks, Path directory) {
    try {
      byte[] stored = rocks.get(MARKER_KEY);
      if (stored == null) {
        if (!isEmpty(rocks)) {
          throw refused(directory, 1);
        }
        rocks.put(MARKER_KEY, encode(CURRENT));
        return;
      }
      int format = decode(stored, directory);
      if (format != CURRENT) {
        throw refused(directory, format);
      }
    } catch (RocksDBException e) {
      throw new StorageException(
          "Cannot read the data format of " + directory + ": " + e.getMessage(), e);
    }
  }

  private static boolean isEmpty(RocksDB rocks) throws RocksDBException {
    try (RocksIterator it = rocks.newIterator()) {
      it.seekToFirst();
      boolean empty = !it.isValid();
      it.status();
      return empty;
    }
  }

  static byte[] encode(int format) {
    return new byte[] {
      (byte) (format >>> 24), (byte) (format >>> 16), (byte) (format >>> 8), (byte) format
    };
  }

  private static int decode(byte[] stored, Path directory) {
    if (stored.length != 4) {
      throw new StorageException(
          "The data format marker of "
              + directory
              + " is corrupt ("
              + Arrays.toString(stored)
              + "); this folder cannot be read safely");
    }
    return (stored[0] & 0xff) << 24
        | (stored[1] & 0xff) << 16
        | (stored[2] & 0xff) << 8
        | (stored[3] & 0xff);
  }

  private static StorageException refused(Path directory, int format) {
    String which =
        format < CURRENT
            ? "an older Polyhost (data format " + format + ")"
            : "a newer Polyhost (data format " + format + ")";
    return new StorageException(
        "The data folder "
            + directory
            + " was written by "
            + which
            + "; this version reads data format "
            + CURRENT
            + " only and has left its data untouched. Start it with another data folder"
            + " (--data-dir), or move this one away to begin a new chain here.");
  }
}
