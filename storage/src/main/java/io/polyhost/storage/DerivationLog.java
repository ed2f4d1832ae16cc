package io.polyhost.storage;

import io.polyhost.api.storage.StorageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

/**
 * The on-disk log of derivation records (see {@link RawIndex#logDerivation}) written since the last
 * checkpoint: one entry per index and merge, keyed {@code LOG_ID || index id || sequence} and
 * holding that merge's records, each as a 4-byte length and the bytes.
 *
 * <p>{@link #LOG_ID} has the top bit set, which no index id has (see {@code IndexRegistry}), so the
 * log sorts after every index and no scan of an index ever meets it.
 */
final class DerivationLog {
  private DerivationLog() {}

  static final long LOG_ID = Long.MIN_VALUE;

  /** The key of an entry, below the {@link #LOG_ID} prefix. */
  static byte[] key(long indexId, long sequence) {
    byte[] key = new byte[16];
    Keys.writeLong(key, 0, indexId);
    Keys.writeLong(key, 8, sequence);
    return key;
  }

  static byte[] encode(List<byte[]> records) {
    int size = 0;
    for (byte[] r : records) {
      size += 4 + r.length;
    }
    byte[] out = new byte[size];
    int pos = 0;
    for (byte[] r : records) {
      out[pos] = (byte) (r.length >>> 24);
      out[pos + 1] = (byte) (r.length >>> 16);
      out[pos + 2] = (byte) (r.length >>> 8);
      out[pos + 3] = (byte) r.length;
      System.arraycopy(r, 0, out, pos + 4, r.length);
      pos += 4 + r.length;
    }
    return out;
  }

  private static void decode(byte[] value, List<byte[]> into) {
    int pos = 0;
    while (pos < value.length) {
      if (value.length - pos < 4) {
        throw new StorageException("Corrupt derivation log entry: truncated length");
      }
      int n =
          (value[pos] & 0xff) << 24
              | (value[pos + 1] & 0xff) << 16
              | (value[pos + 2] & 0xff) << 8
              | (value[pos + 3] & 0xff);
      if (n < 0 || n > value.length - pos - 4) {
        throw new StorageException("Corrupt derivation log entry: record of " + n + " bytes");
      }
      into.add(Arrays.copyOfRange(value, pos + 4, pos + 4 + n));
      pos += 4 + n;
    }
  }

  /** What the log on disk holds: its keys, and the records by index id, oldest first. */
  record Contents(List<byte[]> keys, Map<Long, List<byte[]>> records) {}

  static Contents read(RocksDB rocks) {
    byte[] prefix = Keys.prefix(LOG_ID);
    List<byte[]> keys = new ArrayList<>();
    Map<Long, List<byte[]>> records = new LinkedHashMap<>();
    try (RocksIterator it = rocks.newIterator()) {
      for (it.seek(prefix); it.isValid(); it.next()) {
        byte[] raw = it.key();
        if (raw.length != Keys.ID_SIZE + 16
            || !Arrays.equals(raw, 0, Keys.ID_SIZE, prefix, 0, Keys.ID_SIZE)) {
          break;
        }
        keys.add(Arrays.copyOfRange(raw, Keys.ID_SIZE, raw.length));
        long indexId = Keys.readLong(raw, Keys.ID_SIZE);
        decode(it.value(), records.computeIfAbsent(indexId, unused -> new ArrayList<>()));
      }
      it.status();
    } catch (org.rocksdb.RocksDBException e) {
      throw new StorageException("Database read failed: " + e.getMessage(), e);
    }
    return new Contents(keys, records);
  }
}
