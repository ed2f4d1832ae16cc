package io.polyhost.storage;

import io.polyhost.api.storage.IndexAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The on-disk key layout. Every stored key is {@code index id (8 bytes, big-endian) || key}; index
 * id 0 is the metadata registry, whose keys are {@code 0x01 || address} (metadata) and {@code 0x02
 * || id} (which address owns an id).
 */
final class Keys {
  private Keys() {}

  /** The length of the index id that starts every stored key. */
  static final int ID_SIZE = 8;

  static final long METADATA_ID = 0;
  static final byte METADATA_BY_ADDRESS = 0x01;
  static final byte ADDRESS_BY_ID = 0x02;
  static final byte[] EMPTY = new byte[0];

  static byte[] raw(long id, byte[] key) {
    byte[] out = new byte[8 + key.length];
    writeLong(out, 0, id);
    System.arraycopy(key, 0, out, 8, key.length);
    return out;
  }

  static byte[] prefix(long id) {
    byte[] out = new byte[8];
    writeLong(out, 0, id);
    return out;
  }

  static long readLong(byte[] b, int offset) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[offset + i] & 0xff);
    }
    return v;
  }

  static void writeLong(byte[] b, int offset, long v) {
    for (int i = 7; i >= 0; i--) {
      b[offset + i] = (byte) v;
      v >>>= 8;
    }
  }

  /** The smallest key strictly greater than {@code key}. */
  static byte[] successor(byte[] key) {
    return Arrays.copyOf(key, key.length + 1);
  }

  /** {@code name} in UTF-8, then for group members {@code 0x00 || group key}. */
  static byte[] address(IndexAddress address) {
    byte[] name = address.name().getBytes(StandardCharsets.UTF_8);
    byte[] key = address.groupKey();
    if (key == null) {
      return name;
    }
    byte[] out = Arrays.copyOf(name, name.length + 1 + key.length);
    System.arraycopy(key, 0, out, name.length + 1, key.length);
    return out;
  }

  static IndexAddress parseAddress(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return IndexAddress.inGroup(
            new String(bytes, 0, i, StandardCharsets.UTF_8),
            Arrays.copyOfRange(bytes, i + 1, bytes.length));
      }
    }
    return IndexAddress.of(new String(bytes, StandardCharsets.UTF_8));
  }

  static byte[] tagged(byte tag, byte[] rest) {
    byte[] out = new byte[1 + rest.length];
    out[0] = tag;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }
}
