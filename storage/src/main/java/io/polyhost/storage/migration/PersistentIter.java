package io.polyhost.storage.migration;

import io.polyhost.api.storage.Entry;
import io.polyhost.api.storage.StorageException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An iterator over an index whose position is stored in an entry (normally in the scratchpad), so
 * that a new iterator with the same name continues where this one stopped: after a merge, also in
 * another process.
 *
 * <p>Each {@link #next()} stores the position of the element after the one it returns (or that the
 * iteration ended) in the same fork as the script's writes, so that one merge persists both. To do
 * so it reads one element ahead. Created by {@link PersistentIters}.
 *
 * @param <T> the element type
 */
public final class PersistentIter<T> implements Iterator<T> {
  private static final byte NEXT = 0;
  private static final byte ENDED = 1;

  private final Entry<byte[]> position;
  private final Cursor<T> cursor;
  private @Nullable Iterator<T> source;
  private @Nullable T ahead;

  PersistentIter(Entry<byte[]> position, Cursor<T> cursor) {
    this.position = position;
    this.cursor = cursor;
    byte[] stored = position.get().orElse(null);
    if (stored == null) {
      this.source = cursor.from(null);
    } else if (isEnded(stored)) {
      this.source = null;
    } else {
      this.source = cursor.from(Arrays.copyOfRange(stored, 1, stored.length));
    }
  }

  /** Whether the iteration has ended: no element is left, now or after a restart. */
  public boolean isEnded() {
    return source == null;
  }

  /** Whether an element is left; the first time there is none, records that the iteration ended. */
  @Override
  public boolean hasNext() {
    if (readAhead()) {
      return true;
    }
    if (source != null) {
      source = null;
      position.set(new byte[] {ENDED});
    }
    return false;
  }

  /** The next element; the stored position moves past it. */
  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("The persistent iteration has ended");
    }
    T element = Objects.requireNonNull(ahead);
    ahead = null;
    T following = readAhead() ? ahead : null;
    if (following != null) {
      byte[] next = cursor.positionOf(following);
      byte[] stored = new byte[1 + next.length];
      stored[0] = NEXT;
      System.arraycopy(next, 0, stored, 1, next.length);
      position.set(stored);
    } else {
      source = null;
      position.set(new byte[] {ENDED});
    }
    return element;
  }

  /**
   * At most {@code count} further elements, for a for-each loop over one chunk: {@code for (var e :
   * iter.take(1000))}.
   *
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public Iterable<T> take(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("Cannot take a negative number of elements: " + count);
    }
    return () ->
        new Iterator<>() {
          private int left = count;

          @Override
          public boolean hasNext() {
            return left > 0 && PersistentIter.this.hasNext();
          }

          @Override
          public T next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            left--;
            return PersistentIter.this.next();
          }
        };
  }

  static boolean isEnded(byte[] stored) {
    if (stored.length == 0 || stored[0] > ENDED || stored[0] < NEXT) {
      throw new StorageException(
          "Corrupt persistent iterator position (" + stored.length + " bytes)");
    }
    return stored[0] == ENDED;
  }

  private boolean readAhead() {
    Iterator<T> s = source;
    if (ahead == null && s != null && s.hasNext()) {
      ahead = s.next();
    }
    return ahead != null;
  }
}
