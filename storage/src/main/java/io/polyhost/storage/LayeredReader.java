package io.polyhost.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;

/** Reads changes first and the snapshot underneath for what they do not decide. */
final class LayeredReader implements KvReader {
  /** How many changed entries an iterator copies at a time; re-seeks after each batch. */
  private static final int CHUNK = 128;

  private final KvReader base;
  private final ChangesSource changes;
  private final EmptyRanges seenEmpty;

  /** Where the changes come from: a fork's live change set or a patch's frozen one. */
  interface ChangesSource {
    @Nullable IndexChanges get(long id);
  }

  private final ChangesSource derived;
  private final LongFunction<List<RawIndex.Note>> notes;

  /**
   * Reads {@code changes} over {@code base}, noting in {@code seenEmpty} what scans find empty;
   * {@code notes} gives the indexes' notes (see {@link RawIndex#notes}).
   */
  LayeredReader(
      KvReader base,
      ChangesSource changes,
      ChangesSource derived,
      LongFunction<List<RawIndex.Note>> notes,
      EmptyRanges seenEmpty) {
    this.base = base;
    this.changes = changes;
    this.derived = derived;
    this.notes = notes;
    this.seenEmpty = seenEmpty;
  }

  @Override
  public List<RawIndex.Note> notes(long id) {
    return notes.apply(id);
  }

  @Override
  public byte @Nullable [] get(long id, byte[] key) {
    byte[] v = own(changes.get(id), key);
    return v == null ? base.get(id, key) : v == IndexChanges.DELETED ? null : v;
  }

  @Override
  public byte @Nullable [] getDerived(long id, byte[] key) {
    byte[] v = own(derived.get(id), key);
    return v == null ? base.getDerived(id, key) : v == IndexChanges.DELETED ? null : v;
  }

  /**
   * What a layer of changes says of {@code key}: its value, {@link IndexChanges#DELETED} if it
   * removed the key or cleared the index, or {@code null} when the layer below decides.
   */
  private static byte @Nullable [] own(@Nullable IndexChanges c, byte[] key) {
    if (c == null) {
      return null;
    }
    byte[] v = c.get(key);
    return v != null ? v : c.cleared ? IndexChanges.DELETED : null;
  }

  @Override
  public List<byte @Nullable []> getAll(long id, List<byte[]> keys) {
    IndexChanges c = changes.get(id);
    if (c == null || c.isEmpty()) {
      return base.getAll(id, keys);
    }
    List<byte @Nullable []> values = new ArrayList<>(keys.size());
    List<byte[]> undecided = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (byte[] key : keys) {
      byte[] v = c.get(key);
      if (v == null && !c.cleared) {
        positions.add(values.size());
        undecided.add(key);
      }
      values.add(v == IndexChanges.DELETED ? null : v);
    }
    if (!undecided.isEmpty()) {
      List<byte @Nullable []> read = base.getAll(id, undecided);
      for (int i = 0; i < positions.size(); i++) {
        values.set(positions.get(i), read.get(i));
      }
    }
    return values;
  }

  @Override
  public ContentCache pageCache() {
    return base.pageCache();
  }

  @Override
  public Iterator<RawEntry> scan(long id, byte[] from) {
    IndexChanges c = changes.get(id);
    if (c == null || c.isEmpty()) {
      return base.scan(id, from);
    }
    Iterator<RawEntry> underneath =
        c.cleared ? java.util.Collections.emptyIterator() : base.scan(id, from);
    if (!c.cleared && !underneath.hasNext()) {
      seenEmpty.emptyFrom(id, from);
    }
    return new Merge(new ChangeCursor(c, from), underneath);
  }

  /**
   * Walks a change map in batches, re-seeking after each, so writes made while iterating never
   * break the iteration.
   */
  private static final class ChangeCursor {
    private final IndexChanges changes;
    private List<Map.Entry<byte[], byte[]>> batch = List.of();
    private int pos;
    private byte @Nullable [] nextFrom;

    ChangeCursor(IndexChanges changes, byte[] from) {
      this.changes = changes;
      this.nextFrom = from;
    }

    Map.@Nullable Entry<byte[], byte[]> peek() {
      if (pos == batch.size()) {
        byte[] from = nextFrom;
        if (from == null) {
          return null;
        }
        List<Map.Entry<byte[], byte[]>> next = changes.from(from, CHUNK);
        batch = next;
        pos = 0;
        nextFrom = next.size() == CHUNK ? Keys.successor(next.get(CHUNK - 1).getKey()) : null;
        if (next.isEmpty()) {
          return null;
        }
      }
      return batch.get(pos);
    }

    void advance() {
      pos++;
    }
  }

  private static final class Merge implements Iterator<RawEntry> {
    private final ChangeCursor changes;
    private final Iterator<RawEntry> base;
    private @Nullable RawEntry baseHead;
    private @Nullable RawEntry next;

    Merge(ChangeCursor changes, Iterator<RawEntry> base) {
      this.changes = changes;
      this.base = base;
      this.baseHead = base.hasNext() ? base.next() : null;
      this.next = compute();
    }

    private @Nullable RawEntry compute() {
      while (true) {
        Map.Entry<byte[], byte[]> c = changes.peek();
        RawEntry b = baseHead;
        if (c == null && b == null) {
          return null;
        }
        int cmp = c == null ? 1 : b == null ? -1 : Arrays.compareUnsigned(c.getKey(), b.key());
        if (cmp > 0) {
          baseHead = base.hasNext() ? base.next() : null;
          return b;
        }
        if (cmp == 0) {
          baseHead = base.hasNext() ? base.next() : null;
        }
        changes.advance();
        if (c != null && c.getValue() != IndexChanges.DELETED) {
          return new RawEntry(c.getKey(), c.getValue());
        }
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public RawEntry next() {
      RawEntry n = next;
      if (n == null) {
        throw new NoSuchElementException();
      }
      next = compute();
      return n;
    }
  }
}
