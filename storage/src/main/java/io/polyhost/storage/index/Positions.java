package io.polyhost.storage.index;

import io.polyhost.storage.RawIndex;

/**
 * Positions of list-like indexes as raw keys: 8 bytes big-endian, so that key order is position
 * order for every non-negative position.
 */
final class Positions {
  private Positions() {}

  static final int KEY_SIZE = 8;

  static byte[] key(long position) {
    byte[] key = new byte[KEY_SIZE];
    writeLong(key, 0, position);
    return key;
  }

  /** The position stored under {@code key}, checked to be a well-formed position key. */
  static long fromKey(RawIndex raw, byte[] key) {
    if (key.length != KEY_SIZE) {
      throw ViewChecks.corrupt(raw, "a position key is " + key.length + " bytes, not " + KEY_SIZE);
    }
    long position = readLong(key, 0);
    if (position < 0) {
      throw ViewChecks.corrupt(raw, "a position key holds the negative position " + position);
    }
    return position;
  }

  static void writeLong(byte[] target, int offset, long value) {
    for (int i = KEY_SIZE - 1; i >= 0; i--) {
      target[offset + i] = (byte) value;
      value >>>= 8;
    }
  }

  static long readLong(byte[] source, int offset) {
    long value = 0;
    for (int i = 0; i < KEY_SIZE; i++) {
      value = (value << 8) | (source[offset + i] & 0xff);
    }
    return value;
  }
}
