package io.polyhost.runtime.java;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Where things are in a class file's bytes: the constant pool's entries, its end, and each method's
 * {@code Code} attribute. {@link DirectMeter} needs the offsets to copy a class with only some
 * attributes replaced, which {@code java.lang.classfile} does not expose.
 *
 * <p>Reads only what {@code ClassFile.parse} already accepted; a class whose layout does not add up
 * throws {@link DirectMeter.Unsupported}, and the caller instruments it the ordinary way.
 */
final class ClassLayout {
  final byte[] bytes;

  /** The pool's {@code constant_pool_count}: one more than its highest index. */
  final int poolCount;

  /** Offset of each pool entry's tag, by index (0 and the second slot of longs are unused). */
  private final int[] entries;

  /** Offset of the first byte after the pool (the access flags). */
  final int poolEnd;

  /** Offset of each method's {@code Code} attribute (its name index), in file order; -1 if none. */
  final int[] codeAttributes;

  private ClassLayout(byte[] bytes, int poolCount, int[] entries, int poolEnd, int[] code) {
    this.bytes = bytes;
    this.poolCount = poolCount;
    this.entries = entries;
    this.poolEnd = poolEnd;
    this.codeAttributes = code;
  }

  static ClassLayout read(byte[] bytes) {
    try {
      return readChecked(bytes);
    } catch (IndexOutOfBoundsException e) {
      throw new DirectMeter.Unsupported("truncated class file");
    }
  }

  private static ClassLayout readChecked(byte[] b) {
    int count = u2(b, 8);
    int[] entries = new int[count];
    int at = 10;
    for (int i = 1; i < count; i++) {
      entries[i] = at;
      int tag = b[at] & 0xff;
      at +=
          switch (tag) {
            case 1 -> 3 + u2(b, at + 1); // Utf8
            case 3, 4, 9, 10, 11, 12, 17, 18 -> 5;
            case 5, 6 -> 9; // Long, Double: two slots
            case 7, 8, 16, 19, 20 -> 3;
            case 15 -> 4;
            default -> throw new DirectMeter.Unsupported("pool tag " + tag);
          };
      if (tag == 5 || tag == 6) {
        i++;
      }
    }
    int poolEnd = at;
    at += 6; // access flags, this, super
    at += 2 + 2 * u2(b, at); // interfaces
    at = skipMembers(b, at, null, entries); // fields
    int methods = u2(b, at);
    int[] code = new int[methods];
    Arrays.fill(code, -1);
    skipMembers(b, at, code, entries);
    return new ClassLayout(b, count, entries, poolEnd, code);
  }

  /** Skips a field or method table at {@code at}; notes each method's Code in {@code code}. */
  private static int skipMembers(byte[] b, int at, int @Nullable [] code, int[] entries) {
    int members = u2(b, at);
    at += 2;
    for (int m = 0; m < members; m++) {
      int attributes = u2(b, at + 6);
      at += 8;
      for (int a = 0; a < attributes; a++) {
        if (code != null && isUtf8(b, entries, u2(b, at), "Code")) {
          code[m] = at;
        }
        at += 6 + u4(b, at + 2);
      }
    }
    return at;
  }

  /** Whether pool entry {@code index} is the Utf8 {@code ascii}. */
  boolean isUtf8(int index, String ascii) {
    return isUtf8(bytes, entries, index, ascii);
  }

  private static boolean isUtf8(byte[] b, int[] entries, int index, String ascii) {
    if (index <= 0 || index >= entries.length) {
      return false;
    }
    int at = entries[index];
    if (b[at] != 1 || u2(b, at + 1) != ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (b[at + 3 + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static int u2(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  static int u4(byte[] b, int at) {
    return (u2(b, at) << 16) | u2(b, at + 2);
  }
}
