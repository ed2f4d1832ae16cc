package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.StorageException;
import io.polyhost.storage.RawEntry;
import io.polyhost.storage.RawIndex;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The raw layout of a Merkelized list.
 *
 * <p>Every key is 9 bytes: a level byte, then the position as 8 bytes big-endian. Level byte 0
 * holds the serialized elements; level byte {@code 1 + h} holds the tree nodes of height {@code h}
 * (height 0 being the value hashes). Big-endian positions keep each level in position order, so the
 * elements can be read with one iterator. The length is the state blob, 8 bytes big-endian, absent
 * for an empty list.
 */
final class ListStore {
  private static final int ELEMENTS = 0;
  private static final int KEY_SIZE = 9;

  private final RawIndex raw;

  ListStore(RawIndex raw) {
    this.raw = raw;
  }

  long length() {
    byte[] state = raw.state();
    if (state == null) {
      return 0;
    }
    if (state.length != Long.BYTES) {
      throw corrupt("its length is stored in " + state.length + " bytes instead of 8");
    }
    long length = readLong(state, 0);
    if (length < 0) {
      throw corrupt("its stored length " + Long.toUnsignedString(length) + " is out of range");
    }
    return length;
  }

  void setLength(long length) {
    raw.setState(length == 0 ? null : writeLong(new byte[Long.BYTES], 0, length));
  }

  byte[] element(long position) {
    byte[] value = raw.get(key(ELEMENTS, position));
    if (value == null) {
      throw corrupt("it has no element at position " + position);
    }
    return value;
  }

  void putElement(long position, byte[] value) {
    raw.put(key(ELEMENTS, position), value);
  }

  void removeElement(long position) {
    raw.remove(key(ELEMENTS, position));
  }

  Hash node(int height, long position) {
    byte[] hash = raw.get(key(1 + height, position));
    if (hash == null || hash.length != Hash.SIZE) {
      throw corrupt(
          "its tree node at (height "
              + height
              + ", position "
              + position
              + ") is "
              + (hash == null ? "missing" : hash.length + " bytes long"));
    }
    return Hash.of(hash);
  }

  void putNode(int height, long position, Hash hash) {
    raw.put(key(1 + height, position), hash.toBytes());
  }

  void removeNode(int height, long position) {
    raw.remove(key(1 + height, position));
  }

  void clear() {
    raw.clear();
  }

  /** The serialized elements at positions {@code from} up to {@code to}, read in one pass. */
  Iterator<byte[]> elements(long from, long to) {
    if (from >= to) {
      return Collections.emptyIterator();
    }
    Iterator<RawEntry> entries = raw.iterator(key(ELEMENTS, from));
    return new Iterator<>() {
      private long next = from;

      @Override
      public boolean hasNext() {
        return next < to;
      }

      @Override
      public byte[] next() {
        if (next >= to) {
          throw new NoSuchElementException("No list element after position " + (to - 1));
        }
        RawEntry entry = entries.hasNext() ? entries.next() : null;
        if (entry == null || !isElementKey(entry.key(), next)) {
          // The iterator skipped ahead or left the elements: a hole.
          throw corrupt("it has no element at position " + next);
        }
        next++;
        return entry.value();
      }
    };
  }

  StorageException corrupt(String what) {
    return new StorageException(
        "Proof list '" + raw.address() + "' is corrupt: " + what + "; restore the database");
  }

  private static byte[] key(int level, long position) {
    byte[] key = new byte[KEY_SIZE];
    key[0] = (byte) level;
    return writeLong(key, 1, position);
  }

  private static boolean isElementKey(byte[] key, long position) {
    return key.length == KEY_SIZE && key[0] == ELEMENTS && readLong(key, 1) == position;
  }

  private static byte[] writeLong(byte[] target, int offset, long value) {
    for (int i = Long.BYTES - 1; i >= 0; i--) {
      target[offset + i] = (byte) value;
      value >>>= 8;
    }
    return target;
  }

  private static long readLong(byte[] source, int offset) {
    long value = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      value = (value << 8) | (source[offset + i] & 0xff);
    }
    return value;
  }
}
