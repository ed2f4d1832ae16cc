package io.polyhost.storage.index;

import io.polyhost.api.proof.MapKeyMode;
import io.polyhost.api.proof.ProofPath;
import io.polyhost.api.storage.StorageException;
import java.util.Arrays;

/**
 * The stored form of one entry, at its leaf key. A hashed-key map cannot recover a key from its
 * path, so it stores {@code varint(key length) || key || value}; a raw-key map stores the value
 * alone, the path being the key.
 */
final class LeafRecord {
  private LeafRecord() {}

  static byte[] encode(MapKeyMode mode, byte[] key, byte[] value) {
    if (mode == MapKeyMode.RAW) {
      return value;
    }
    int header = varintSize(key.length);
    byte[] out = new byte[header + key.length + value.length];
    int pos = 0;
    int v = key.length;
    for (; v >= 0x80; v >>>= 7) {
      out[pos++] = (byte) ((v & 0x7f) | 0x80);
    }
    out[pos] = (byte) v;
    System.arraycopy(key, 0, out, header, key.length);
    System.arraycopy(value, 0, out, header + key.length, value.length);
    return out;
  }

  static byte[] key(MapKeyMode mode, ProofPath path, byte[] record) {
    if (mode == MapKeyMode.RAW) {
      return path.toKeyBytes();
    }
    int[] header = header(record);
    return Arrays.copyOfRange(record, header[0], header[0] + header[1]);
  }

  static byte[] value(MapKeyMode mode, byte[] record) {
    if (mode == MapKeyMode.RAW) {
      return record;
    }
    int[] header = header(record);
    return Arrays.copyOfRange(record, header[0] + header[1], record.length);
  }

  /** {header length, key length}. */
  private static int[] header(byte[] record) {
    int keyLength = 0;
    int pos = 0;
    while (true) {
      if (pos >= record.length || pos >= 5) {
        throw new StorageException("Corrupt proof map leaf: bad key length header");
      }
      byte b = record[pos];
      keyLength |= (b & 0x7f) << (7 * pos);
      pos++;
      if (b >= 0) {
        break;
      }
    }
    if (keyLength < 0 || keyLength > record.length - pos) {
      throw new StorageException(
          "Corrupt proof map leaf: key of " + keyLength + " bytes in a record of " + record.length);
    }
    return new int[] {pos, keyLength};
  }

  private static int varintSize(int v) {
    int size = 1;
    for (int x = v; x >= 0x80; x >>>= 7) {
      size++;
    }
    return size;
  }
}
