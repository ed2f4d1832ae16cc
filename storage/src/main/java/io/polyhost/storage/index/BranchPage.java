package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.ProofPath;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One page of branches: those whose path is the page prefix followed by fewer than {@code stride}
 * more bits. A branch with {@code r} extra bits {@code b} lives in slot {@code (1 << r) | b}, so a
 * page has slots {@code 1 .. 2^stride - 1} and a branch's own path is never stored.
 *
 * <p>Stored form: a bitmap of the occupied slots ({@code 2^stride} bits, most significant first,
 * slot 0 unused), the offset of each occupied slot's body (2 bytes big-endian, in slot order), and
 * the bodies {@code enc(leftPath) || leftHash || enc(rightPath) || rightHash}. Finding a branch
 * costs a popcount; only branches asked for are decoded, and untouched bodies are copied back in
 * runs: a page may hold hundreds of branches of which a batch touches a few.
 */
final class BranchPage {
  private static final Object REMOVED = new Object();

  private final int slots;
  private final int bitmapSize;
  private final byte[] stored;
  // Per slot: the new branch's body, or REMOVED; null where unchanged. Allocated on the first
  // change.
  private Object @Nullable [] changes;
  // Per slot: the hash of the new branch. Allocated with `changes`.
  private @Nullable Hash @Nullable [] changedHashes;

  /**
   * A page read from {@code stored}, or an empty one if {@code null}.
   *
   * @throws IllegalArgumentException if the bytes are too short to be a page
   */
  BranchPage(int stride, byte @Nullable [] stored) {
    this.slots = 1 << stride;
    this.bitmapSize = Math.max(1, slots / 8);
    this.stored = stored == null ? new byte[bitmapSize] : stored;
    if (this.stored.length < bitmapSize) {
      throw new IllegalArgumentException(
          "page of " + this.stored.length + " bytes has no slot bitmap");
    }
  }

  /** The bytes this page was read from (its changes not applied); callers must not modify them. */
  byte[] stored() {
    return stored;
  }

  /** The slot of a branch path within its page. */
  static int slot(ProofPath path, int stride) {
    int extra = path.length() % stride;
    return 1 << extra | path.bits(path.length() - extra, extra);
  }

  /**
   * The branch at {@code path} (in slot {@code slot}), or {@code null}.
   *
   * @throws IllegalArgumentException if the stored body is malformed
   */
  @Nullable Branch get(ProofPath path, int slot) {
    Object[] c = changes;
    if (c != null && c[slot] != null) {
      return c[slot] instanceof byte[] body ? BranchBody.decode(path, body, 0) : null;
    }
    if (!occupied(slot)) {
      return null;
    }
    return BranchBody.decode(path, stored, storedOffset(rank(slot)));
  }

  /** Puts the branch with body {@code body} (see {@link BranchBody}) and hash {@code hash}. */
  void put(int slot, byte[] body, Hash hash) {
    changes()[slot] = body;
    changedHashes()[slot] = hash;
  }

  /** The first occupied slot as stored, which holds the top branch; 0 for an empty page. */
  int storedTopSlot() {
    for (int slot = 1; slot < slots; slot++) {
      if (occupied(slot)) {
        return slot;
      }
    }
    return 0;
  }

  /**
   * The hash of the top branch after the changes, which names the page in the page cache, or {@code
   * null} if no branch is left; {@code storedTop} is the hash of the stored top branch, if known.
   *
   * <p>An unchanged top is hashed from its stored body unless it is the stored top and {@code
   * storedTop} is given. That happens when removals took away the branches above it: without its
   * name, the page would stay out of the cache and the next update to reach it would read it from
   * the index (with the benchmark's trims at 100k keys, 3 % of the page loads did).
   */
  @Nullable Hash topHash(@Nullable Hash storedTop) {
    Object[] c = changes();
    for (int slot = 1; slot < slots; slot++) {
      if (c[slot] instanceof byte[]) {
        return changedHashes()[slot];
      }
      if (c[slot] == null && occupied(slot)) {
        if (storedTop != null && slot == storedTopSlot()) {
          return storedTop;
        }
        int r = rank(slot);
        return BranchBody.hash(
            Arrays.copyOfRange(stored, storedOffset(r), storedEnd(r, rank(slots))));
      }
    }
    return null;
  }

  void remove(int slot) {
    changes()[slot] = REMOVED;
    changedHashes()[slot] = null;
  }

  boolean isChanged() {
    return changes != null;
  }

  /** The stored form with every change applied, or {@code null} if no branch is left. */
  byte @Nullable [] encode() {
    Object[] c = changes();
    int storedCount = rank(slots);
    int count = 0;
    int bodies = 0;
    for (int slot = 1, r = 0; slot < slots; slot++) {
      boolean was = occupied(slot);
      if (c[slot] instanceof byte[] body) {
        count++;
        bodies += body.length;
      } else if (c[slot] == null && was) {
        count++;
        bodies += storedEnd(r, storedCount) - storedOffset(r);
      }
      r += was ? 1 : 0;
    }
    if (count == 0) {
      return null;
    }
    // At most 255 bodies of at most 132 bytes: offsets always fit in 2 bytes.
    byte[] out = new byte[bitmapSize + 2 * count + bodies];
    int pos = bitmapSize + 2 * count;
    int index = 0;
    // A run of kept bodies, contiguous in both arrays, copied in one go.
    int runSrc = 0;
    int runDst = 0;
    int runLength = 0;
    for (int slot = 1, r = 0; slot < slots; slot++) {
      boolean was = occupied(slot);
      Object change = c[slot];
      if (change == null && was) {
        int from = storedOffset(r);
        int length = storedEnd(r, storedCount) - from;
        if (runSrc + runLength != from || runDst + runLength != pos) {
          System.arraycopy(stored, runSrc, out, runDst, runLength);
          runSrc = from;
          runDst = pos;
          runLength = 0;
        }
        runLength += length;
        mark(out, slot, index++, pos);
        pos += length;
      } else if (change instanceof byte[] body) {
        mark(out, slot, index++, pos);
        System.arraycopy(body, 0, out, pos, body.length);
        pos += body.length;
      }
      r += was ? 1 : 0;
    }
    System.arraycopy(stored, runSrc, out, runDst, runLength);
    return out;
  }

  /** Sets the bitmap bit of {@code slot} and its offset, the {@code index}th of the page. */
  private void mark(byte[] out, int slot, int index, int offset) {
    out[slot >>> 3] |= (byte) (0x80 >>> (slot & 7));
    out[bitmapSize + 2 * index] = (byte) (offset >>> 8);
    out[bitmapSize + 2 * index + 1] = (byte) offset;
  }

  private Object[] changes() {
    Object[] c = changes;
    if (c == null) {
      c = new Object[slots];
      changes = c;
      changedHashes = new Hash[slots];
    }
    return c;
  }

  private @Nullable Hash[] changedHashes() {
    changes();
    @Nullable Hash[] h = changedHashes;
    if (h == null) {
      throw new IllegalStateException("allocated with changes");
    }
    return h;
  }

  private boolean occupied(int slot) {
    return (stored[slot >>> 3] >>> (7 - (slot & 7)) & 1) != 0;
  }

  /** The number of occupied stored slots before {@code slot}. */
  private int rank(int slot) {
    int count = 0;
    int full = slot >>> 3;
    for (int i = 0; i < full; i++) {
      count += Integer.bitCount(stored[i] & 0xff);
    }
    if ((slot & 7) != 0) {
      count += Integer.bitCount(stored[full] & 0xff & (0xff00 >>> (slot & 7)));
    }
    return count;
  }

  private int storedOffset(int rank) {
    int at = bitmapSize + 2 * rank;
    if (at + 2 > stored.length) {
      throw new IllegalArgumentException("page offset table is truncated");
    }
    int offset = (stored[at] & 0xff) << 8 | (stored[at + 1] & 0xff);
    if (offset > stored.length) {
      throw new IllegalArgumentException("page offset " + offset + " is past its end");
    }
    return offset;
  }

  private int storedEnd(int rank, int count) {
    return rank + 1 < count ? storedOffset(rank + 1) : stored.length;
  }
}
