package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.storage.RawEntry;
import io.polyhost.storage.RawIndex;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The raw layout of a Merkelized list.
 *
 * <p>Every key is 9 bytes: a level byte, then the position as 8 bytes big-endian. Level byte 0
 * holds the serialized elements; level byte {@code 1 + h} holds the tree nodes of height {@code h}
 * for {@code h >= 1}. The nodes of height 0, the value hashes, are not stored: each is the hash of
 * its element, so storing it would cost a key per element (a fifth of a block's writes) for the
 * sake of the few sibling reads that proofs and edge updates make. Level byte 1 is therefore unused
 * (databases written before held the value hashes there; nothing reads them any more). Big-endian
 * positions keep each level in position order, so the elements can be read with one iterator. The
 * length is the state blob, kept by {@link Counters} like a plain list's.
 */
final class ListStore {
  private static final int ELEMENTS = 0;
  private static final int KEY_SIZE = 1 + Positions.KEY_SIZE;

  private final RawIndex raw;

  ListStore(RawIndex raw) {
    this.raw = raw;
  }

  long length() {
    return Counters.read(raw, 1)[0];
  }

  void setLength(long length) {
    Counters.write(raw, length);
  }

  byte[] element(long position) {
    byte @Nullable [] value = raw.get(key(ELEMENTS, position));
    if (value == null) {
      throw ViewChecks.corrupt(raw, "its element " + position + " is missing");
    }
    return value;
  }

  void putElement(long position, byte[] value) {
    raw.put(key(ELEMENTS, position), value);
  }

  void removeElement(long position) {
    raw.remove(key(ELEMENTS, position));
  }

  /** The tree node at {@code height}, {@code position}; at height 0, its element's value hash. */
  Hash node(int height, long position) {
    if (height == 0) {
      return Hashing.value(element(position));
    }
    byte @Nullable [] hash = raw.get(key(1 + height, position));
    if (hash == null || hash.length != Hash.SIZE) {
      throw ViewChecks.corrupt(
          raw,
          "its tree node at (height "
              + height
              + ", position "
              + position
              + ") is "
              + (hash == null ? "missing" : hash.length + " bytes long"));
    }
    return Hash.of(hash);
  }

  /** Stores a node of height 1 or more (height 0 is derived from the elements). */
  void putNode(int height, long position, Hash hash) {
    checkStoredHeight(height);
    raw.put(key(1 + height, position), hash.toBytes());
  }

  void removeNode(int height, long position) {
    checkStoredHeight(height);
    raw.remove(key(1 + height, position));
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
          throw ViewChecks.corrupt(raw, "its element " + next + " is missing");
        }
        next++;
        return entry.value();
      }
    };
  }

  private static void checkStoredHeight(int height) {
    if (height < 1) {
      throw new IllegalArgumentException("Only nodes above the value hashes are stored: " + height);
    }
  }

  private static byte[] key(int level, long position) {
    byte[] key = new byte[KEY_SIZE];
    key[0] = (byte) level;
    Positions.writeLong(key, 1, position);
    return key;
  }

  private static boolean isElementKey(byte[] key, long position) {
    return key.length == KEY_SIZE && key[0] == ELEMENTS && Positions.readLong(key, 1) == position;
  }
}
