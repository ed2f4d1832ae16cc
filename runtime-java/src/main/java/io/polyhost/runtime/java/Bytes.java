package io.polyhost.runtime.java;

import java.util.Arrays;

/** A growing byte array written big-endian, as class files are; for {@link DirectMeter}. */
final class Bytes {
  private byte[] bytes = new byte[64];
  private int size;

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

  int size() {
    return size;
  }

  byte[] toArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
