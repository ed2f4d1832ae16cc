package io.polyhost.runtime.java;

import java.util.Arrays;

/** A growing byte array written big-endian, as class files are; for {@link DirectMeter}. */
final class Bytes {
  private byte[] bytes;
  private int size;

  Bytes(int capacity) {
    bytes = new byte[Math.max(capacity, 4)];
  }

  /** Overwrites the four bytes at {@code at}, written before, with {@code value}. */
  void setU4(int at, int value) {
    bytes[at] = (byte) (value >>> 24);
    bytes[at + 1] = (byte) (value >>> 16);
    bytes[at + 2] = (byte) (value >>> 8);
    bytes[at + 3] = (byte) value;
  }

  Bytes u1(int value) {
    ensure(1);
    bytes[size++] = (byte) value;
    return this;
  }

  Bytes u2(int value) {
    ensure(2);
    bytes[size++] = (byte) (value >>> 8);
    bytes[size++] = (byte) value;
    return this;
  }

  Bytes u4(int value) {
    return u2(value >>> 16).u2(value);
  }

  /** {@code invokestatic} of the method reference at pool index {@code index}. */
  Bytes call(int index) {
    return u1(0xb8).u2(index);
  }

  Bytes add(byte[] more) {
    return add(more, 0, more.length);
  }

  Bytes add(byte[] from, int offset, int length) {
    ensure(length);
    System.arraycopy(from, offset, bytes, size, length);
    size += length;
    return this;
  }

  Bytes add(Bytes more) {
    return add(more.bytes, 0, more.size);
  }

  int size() {
    return size;
  }

  /** The bytes written; the buffer itself if it is exactly full (then write no more). */
  byte[] toArray() {
    return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
