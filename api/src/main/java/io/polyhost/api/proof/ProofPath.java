package io.polyhost.api.proof;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A position in a map trie: a string of 0 to 256 bits.
 *
 * <p>The leaf of a key sits at a 256-bit path (see {@link MapKeyMode}); a branch sits at the
 * longest common prefix of the keys below it. Bits are numbered from the most significant bit of
 * the first byte, so the order of paths ({@link #compareTo}: bit by bit, a prefix before its
 * extensions) is the unsigned byte order of their 32-byte forms.
 *
 * <p>The canonical encoding ({@link #encode()}), used in hashes and proofs, is the bit length as 2
 * bytes big-endian followed by the bits packed into {@code ceil(length / 8)} bytes, unused low bits
 * of the last byte zero.
 */
public final class ProofPath implements Comparable<ProofPath> {
  /** The length of a leaf path, in bits. */
  public static final int MAX_LENGTH = 256;

  /** The length of a key used directly as a path, in bytes. */
  public static final int KEY_SIZE = MAX_LENGTH / 8;

  private static final ProofPath EMPTY = new ProofPath(0, 0, 0, 0, 0);
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  // The bits, most significant first; bits at and past `length` are always zero.
  private final long w0;
  private final long w1;
  private final long w2;
  private final long w3;
  private final int length;

  private ProofPath(long w0, long w1, long w2, long w3, int length) {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
    this.length = length;
  }

  /** The empty path: the position of the root of a trie. */
  public static ProofPath empty() {
    return EMPTY;
  }

  /**
   * The 256-bit leaf path spelled by 32 key bytes.
   *
   * @throws IllegalArgumentException if {@code key} is not 32 bytes long
   */
  public static ProofPath ofKey(byte[] key) {
    if (key.length != KEY_SIZE) {
      throw new IllegalArgumentException(
          "A path key is " + KEY_SIZE + " bytes long, got " + key.length + " bytes");
    }
    return fromBytes(key, 0, MAX_LENGTH);
  }

  /**
   * Decodes the canonical encoding.
   *
   * @throws IllegalArgumentException if the bytes are not a canonical encoding: a length above 256,
   *     a byte count that does not match the length, or non-zero padding bits
   */
  public static ProofPath decode(byte[] encoded) {
    ProofPath path = decode(encoded, 0);
    if (encoded.length != path.encodedLength()) {
      throw new IllegalArgumentException(
          "An encoded path of "
              + path.length
              + " bits has "
              + path.encodedLength()
              + " bytes, got "
              + encoded.length);
    }
    return path;
  }

  /**
   * Decodes the canonical encoding that starts at {@code offset}; it ends {@link #encodedLength()}
   * bytes later, and any bytes after it are ignored.
   *
   * @throws IllegalArgumentException if the bytes are not a canonical encoding: a length above 256,
   *     too few bytes for the length, or non-zero padding bits
   */
  public static ProofPath decode(byte[] source, int offset) {
    if (offset < 0 || source.length - offset < 2) {
      throw new IllegalArgumentException(
          "An encoded path has at least 2 bytes, got " + Math.max(0, source.length - offset));
    }
    int length = (source[offset] & 0xff) << 8 | (source[offset + 1] & 0xff);
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "An encoded path declares " + length + " bits; at most " + MAX_LENGTH + " are allowed");
    }
    int bytes = (length + 7) >>> 3;
    if (source.length - offset - 2 < bytes) {
      throw new IllegalArgumentException(
          "An encoded path of "
              + length
              + " bits has "
              + (2 + bytes)
              + " bytes, got "
              + (source.length - offset));
    }
    ProofPath path = fromBytes(source, offset + 2, length);
    if (bytes > 0 && source[offset + 1 + bytes] != path.byteAt(bytes - 1)) {
      throw new IllegalArgumentException(
          "An encoded path of " + length + " bits has non-zero bits after its end");
    }
    return path;
  }

  /** Reads {@code length} bits from {@code bytes} at {@code offset}, dropping any extra bits. */
  private static ProofPath fromBytes(byte[] bytes, int offset, int length) {
    int count = (length + 7) >>> 3;
    return truncated(
        word(bytes, offset, count, 0),
        word(bytes, offset, count, 1),
        word(bytes, offset, count, 2),
        word(bytes, offset, count, 3),
        length);
  }

  /** Word {@code index} of the first {@code count} bytes at {@code offset}, zero past them. */
  private static long word(byte[] bytes, int offset, int count, int index) {
    int start = 8 * index;
    if (count - start >= 8) {
      return (long) LONGS.get(bytes, offset + start);
    }
    long w = 0;
    for (int i = start; i < count; i++) {
      w |= (bytes[offset + i] & 0xffL) << (56 - 8 * (i - start));
    }
    return w;
  }

  /** The path made of the first {@code length} bits of the given words. */
  private static ProofPath truncated(long w0, long w1, long w2, long w3, int length) {
    return new ProofPath(
        w0 & mask(length, 0),
        w1 & mask(length, 1),
        w2 & mask(length, 2),
        w3 & mask(length, 3),
        length);
  }

  /** The number of bits. */
  public int length() {
    return length;
  }

  /** Whether this is a full 256-bit path, the position of a leaf. */
  public boolean isLeaf() {
    return length == MAX_LENGTH;
  }

  /**
   * The bit at {@code index}: {@code 0} or {@code 1}.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code 0 .. length()-1}
   */
  public int bit(int index) {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException("Bit " + index + " of a path of " + length + " bits");
    }
    return (int) (word(index >>> 6) >>> (63 - (index & 63))) & 1;
  }

  /**
   * The {@code count} bits from {@code from} on as the low bits of an int, the first one highest.
   *
   * @throws IndexOutOfBoundsException if {@code count} is not in {@code 0 .. 31} or the bits are
   *     not all within {@code 0 .. length()-1}
   */
  public int bits(int from, int count) {
    if (count < 0 || count > 31 || from < 0 || from > length - count) {
      throw new IndexOutOfBoundsException(
          "Bits " + from + " + " + count + " of a path of " + length + " bits");
    }
    if (count == 0) {
      return 0;
    }
    int shift = from & 63;
    long w = word(from >>> 6) << shift;
    if (shift + count > 64) {
      w |= word((from >>> 6) + 1) >>> (64 - shift);
    }
    return (int) (w >>> (64 - count));
  }

  /**
   * The first {@code newLength} bits.
   *
   * @throws IllegalArgumentException if {@code newLength} is negative or above {@link #length()}
   */
  public ProofPath prefix(int newLength) {
    if (newLength < 0 || newLength > length) {
      throw new IllegalArgumentException(
          "Prefix of " + newLength + " bits of a path of " + length + " bits");
    }
    return newLength == length ? this : truncated(w0, w1, w2, w3, newLength);
  }

  /** The bits of word {@code index} that lie within the first {@code length} bits. */
  private static long mask(int length, int index) {
    int bits = length - 64 * index;
    if (bits <= 0) {
      return 0;
    }
    return bits >= 64 ? -1L : -1L << (64 - bits);
  }

  /** The length of the longest common prefix of this path and {@code other}. */
  public int commonPrefixLength(ProofPath other) {
    int limit = Math.min(length, other.length);
    long x = w0 ^ other.w0;
    int common;
    if (x != 0) {
      common = Long.numberOfLeadingZeros(x);
    } else if ((x = w1 ^ other.w1) != 0) {
      common = 64 + Long.numberOfLeadingZeros(x);
    } else if ((x = w2 ^ other.w2) != 0) {
      common = 128 + Long.numberOfLeadingZeros(x);
    } else {
      common = 192 + Long.numberOfLeadingZeros(w3 ^ other.w3);
    }
    return Math.min(common, limit);
  }

  /** Whether {@code prefix} is a prefix of this path (every path starts with itself). */
  public boolean startsWith(ProofPath prefix) {
    return prefix.length <= length && commonPrefixLength(prefix) == prefix.length;
  }

  /** The 32 bytes of the bits, zero-padded; for a leaf, the key it was made from. */
  public byte[] toKeyBytes() {
    byte[] out = new byte[KEY_SIZE];
    LONGS.set(out, 0, w0);
    LONGS.set(out, 8, w1);
    LONGS.set(out, 16, w2);
    LONGS.set(out, 24, w3);
    return out;
  }

  /** The canonical encoding; see the class description. */
  public byte[] encode() {
    byte[] out = new byte[encodedLength()];
    writeTo(out, 0);
    return out;
  }

  /** The length of the canonical encoding in bytes. */
  public int encodedLength() {
    return 2 + ((length + 7) >>> 3);
  }

  /**
   * Writes the canonical encoding into {@code target} at {@code offset}.
   *
   * @return the offset just past what was written
   * @throws IndexOutOfBoundsException if {@code target} is too short
   */
  public int writeTo(byte[] target, int offset) {
    int bytes = (length + 7) >>> 3;
    Objects.checkFromIndexSize(offset, 2 + bytes, target.length);
    target[offset] = (byte) (length >>> 8);
    target[offset + 1] = (byte) length;
    int pos = offset + 2;
    for (int w = 0; 8 * w < bytes; w++) {
      long word = word(w);
      int left = bytes - 8 * w;
      if (left >= 8) {
        LONGS.set(target, pos, word);
        pos += 8;
      } else {
        for (int i = 0; i < left; i++) {
          target[pos++] = (byte) (word >>> (56 - 8 * i));
        }
      }
    }
    return pos;
  }

  private byte byteAt(int index) {
    return (byte) (word(index >>> 3) >>> (56 - 8 * (index & 7)));
  }

  private long word(int index) {
    return switch (index) {
      case 0 -> w0;
      case 1 -> w1;
      case 2 -> w2;
      default -> w3;
    };
  }

  @Override
  public int compareTo(ProofPath o) {
    int c = Long.compareUnsigned(w0, o.w0);
    if (c == 0) {
      c = Long.compareUnsigned(w1, o.w1);
    }
    if (c == 0) {
      c = Long.compareUnsigned(w2, o.w2);
    }
    if (c == 0) {
      c = Long.compareUnsigned(w3, o.w3);
    }
    // Equal padded bits: either one path is a prefix of the other (shorter first) or they are
    // equal. A zero bit past the shorter path's end cannot reorder them, as padding is zero too.
    return c != 0 ? c : Integer.compare(length, o.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProofPath p
        && length == p.length
        && w0 == p.w0
        && w1 == p.w1
        && w2 == p.w2
        && w3 == p.w3;
  }

  @Override
  public int hashCode() {
    // Short paths have all their bits at the top of w0: mix them down (a murmur3 finalizer).
    long h = w0 ^ Long.rotateLeft(w1, 16) ^ Long.rotateLeft(w2, 32) ^ Long.rotateLeft(w3, 48);
    h ^= length;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }

  /** The bytes in hex, a slash and the bit length, e.g. {@code a4/6} for {@code 101001}. */
  @Override
  public String toString() {
    byte[] bytes = new byte[(length + 7) >>> 3];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = byteAt(i);
    }
    return HexFormat.of().formatHex(bytes) + "/" + length;
  }
}
