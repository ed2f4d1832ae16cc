package io.polyhost.storage;

import java.util.Arrays;

/**
 * Builds a RocksDB write batch in its serialized form (the form of the write-ahead log), handed to
 * RocksDB in one piece.
 *
 * <p>A merge writes thousands of entries; adding them one native call at a time cost more than
 * encoding them here. The layout is RocksDB's {@code WriteBatch} representation: an 8-byte sequence
 * number (zero, RocksDB assigns it) and a 4-byte entry count, both little-endian, then per entry a
 * type byte and length-prefixed (varint32) key and value. {@code BatchEncoderTest} checks it
 * against batches built through RocksDB's own API.
 */
final class BatchEncoder {
  private static final int HEADER = 12;
  private static final byte DELETION = 0x0;
  private static final byte VALUE = 0x1;
  private static final byte RANGE_DELETION = 0xF;

  private byte[] buffer;
  private int size = HEADER;
  private int count;

  /** An encoder with a fresh buffer. */
  BatchEncoder() {
    this(new byte[1 << 16]);
  }

  /**
   * An encoder that writes into {@code scratch} (overwriting it) until it needs more room: a
   * database merging one block after another reuses one buffer instead of growing a new one from 64
   * KiB each time.
   */
  BatchEncoder(byte[] scratch) {
    this.buffer = scratch.length >= HEADER ? scratch : new byte[1 << 16];
    Arrays.fill(buffer, 0, HEADER, (byte) 0);
  }

  /** Stores {@code value} at {@code key} of index {@code id}. */
  void put(long id, byte[] key, byte[] value) {
    ensure(1 + 5 + 8 + key.length + 5 + value.length);
    buffer[size++] = VALUE;
    writeKey(id, key);
    writeVarint(value.length);
    System.arraycopy(value, 0, buffer, size, value.length);
    size += value.length;
    count++;
  }

  /**
   * Stores {@code value} at {@code key}, or removes the key if it is {@link IndexChanges#DELETED}.
   */
  void write(long id, byte[] key, byte[] value) {
    if (value == IndexChanges.DELETED) {
      delete(id, key);
    } else {
      put(id, key, value);
    }
  }

  /** Removes {@code key} of index {@code id}. */
  void delete(long id, byte[] key) {
    ensure(1 + 5 + 8 + key.length);
    buffer[size++] = DELETION;
    writeKey(id, key);
    count++;
  }

  /** Removes every key of index {@code id}. */
  void deleteIndex(long id) {
    ensure(1 + 2 * (1 + 8));
    buffer[size++] = RANGE_DELETION;
    writeKey(id, Keys.EMPTY);
    writeKey(id + 1, Keys.EMPTY);
    count++;
  }

  boolean isEmpty() {
    return count == 0;
  }

  /** The buffer written into, for the next encoder to reuse once this batch is written. */
  byte[] buffer() {
    return buffer;
  }

  /** The serialized batch. */
  byte[] toBytes() {
    byte[] out = Arrays.copyOf(buffer, size);
    for (int i = 0; i < 4; i++) {
      out[8 + i] = (byte) (count >>> (8 * i));
    }
    return out;
  }

  private void writeKey(long id, byte[] key) {
    writeVarint(8 + key.length);
    Keys.writeLong(buffer, size, id);
    System.arraycopy(key, 0, buffer, size + 8, key.length);
    size += 8 + key.length;
  }

  private void writeVarint(int value) {
    int v = value;
    while ((v & ~0x7f) != 0) {
      buffer[size++] = (byte) (v & 0x7f | 0x80);
      v >>>= 7;
    }
    buffer[size++] = (byte) v;
  }

  private void ensure(int extra) {
    if (buffer.length - size < extra) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
    }
  }
}
