package io.polyhost.runtime.java;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Constant-pool entries appended to a class's pool by {@link DirectMeter}: the {@link Gas} class
 * and the methods the metering calls. The original entries keep their indexes, so the original
 * code's references stay valid byte for byte. Each entry is added once per class.
 */
final class PoolTail {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Map<String, Integer> known = new HashMap<>();
  private int next;

  /** A tail after a pool whose {@code constant_pool_count} is {@code poolCount}. */
  PoolTail(int poolCount) {
    this.next = poolCount;
  }

  /** The new {@code constant_pool_count}. */
  int poolCount() {
    return next;
  }

  /** The appended entries' bytes. */
  byte[] bytes() {
    return out.toByteArray();
  }

  /** The index of a {@code Methodref} to {@code owner.name descriptor}, a class (not interface). */
  int methodRef(String owner, String name, String descriptor) {
    String key = "M" + owner + "." + name + descriptor;
    Integer index = known.get(key);
    if (index == null) {
      int ownerIndex = classEntry(owner);
      int nameAndType = nameAndType(name, descriptor);
      index = add(10, ownerIndex, nameAndType);
      known.put(key, index);
    }
    return index;
  }

  /** The index of an {@code Integer} entry of {@code value}. */
  int integer(int value) {
    String key = "I" + value;
    Integer index = known.get(key);
    if (index == null) {
      index = add(3, value >>> 16, value & 0xffff);
      known.put(key, index);
    }
    return index;
  }

  private int classEntry(String internalName) {
    String key = "C" + internalName;
    Integer index = known.get(key);
    if (index == null) {
      int name = utf8(internalName);
      index = next++;
      out.write(7);
      u2(name);
      known.put(key, index);
    }
    return index;
  }

  private int nameAndType(String name, String descriptor) {
    String key = "N" + name + ":" + descriptor;
    Integer index = known.get(key);
    if (index == null) {
      int n = utf8(name);
      int d = utf8(descriptor);
      index = add(12, n, d);
      known.put(key, index);
    }
    return index;
  }

  private int utf8(String ascii) {
    String key = "U" + ascii;
    Integer index = known.get(key);
    if (index == null) {
      index = next++;
      out.write(1);
      u2(ascii.length());
      for (int i = 0; i < ascii.length(); i++) {
        char c = ascii.charAt(i);
        if (c == 0 || c > 0x7f) {
          throw new DirectMeter.Unsupported("non-ASCII name " + ascii);
        }
        out.write(c);
      }
      known.put(key, index);
    }
    return index;
  }

  /** Adds an entry of {@code tag} with two u2 fields (or one u4, split). */
  private int add(int tag, int first, int second) {
    int index = next++;
    if (index > 0xffff) {
      throw new DirectMeter.Unsupported("constant pool full");
    }
    out.write(tag);
    u2(first);
    u2(second);
    return index;
  }

  private void u2(int value) {
    out.write(value >>> 8);
    out.write(value);
  }
}
