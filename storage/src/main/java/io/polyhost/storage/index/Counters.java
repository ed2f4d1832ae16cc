package io.polyhost.storage.index;

import io.polyhost.storage.RawIndex;
import org.jspecify.annotations.Nullable;

/**
 * Non-negative counters (a list's length; a sparse list's capacity and size) kept in the state blob
 * of a raw index, 8 bytes big-endian each.
 *
 * <p>All-zero counters are stored as no state at all, so an emptied index leaves nothing behind.
 */
final class Counters {
  private Counters() {}

  /**
   * Reads {@code count} counters; all zero if the index has no state.
   *
   * @throws io.polyhost.api.storage.StorageException if the state is not {@code count} non-negative
   *     counters
   */
  static long[] read(RawIndex raw, int count) {
    byte @Nullable [] state = raw.state();
    long[] values = new long[count];
    if (state == null) {
      return values;
    }
    if (state.length != count * Positions.KEY_SIZE) {
      throw ViewChecks.corrupt(
          raw, "its state is " + state.length + " bytes, expected " + count * Positions.KEY_SIZE);
    }
    for (int i = 0; i < count; i++) {
      values[i] = Positions.readLong(state, i * Positions.KEY_SIZE);
      if (values[i] < 0) {
        throw ViewChecks.corrupt(raw, "its state holds the negative count " + values[i]);
      }
    }
    return values;
  }

  static void write(RawIndex raw, long... values) {
    boolean allZero = true;
    byte[] state = new byte[values.length * Positions.KEY_SIZE];
    for (int i = 0; i < values.length; i++) {
      allZero &= values[i] == 0;
      Positions.writeLong(state, i * Positions.KEY_SIZE, values[i]);
    }
    raw.setState(allZero ? null : state);
  }
}
