package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.proof.ProofPath;
import io.polyhost.api.storage.StorageException;
import io.polyhost.storage.RawEntry;
import io.polyhost.storage.RawIndex;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Leaf changes recorded by writes but not yet applied to the branches.
 *
 * <p>Hashing happens once per batch, when the hash or a proof is needed, instead of once per write
 * and trie level. Until then each write leaves a record of its path and new value hash (none for a
 * removal). An index of a fork keeps these records as {@linkplain RawIndex#notes() notes}, in
 * memory, where they follow flush and rollback with the leaf itself and cost neither a lookup nor a
 * database write. Any other index stores them as pending marks in its own key space ({@link
 * TrieKeys#pending}, flagged in {@link TrieState}), and so did forks before notes existed: a
 * database may still hold marks, so both are read, and the notes win where both name a path.
 */
final class PendingChanges {
  private static final byte[] REMOVED = new byte[0];
  private static final byte[] REGION_START = {TrieKeys.PENDING};

  /** Changed paths, ascending. */
  final List<ProofPath> paths;

  /** The new value hash per path, {@code null} for a removal. */
  final List<@Nullable Hash> valueHashes;

  /** The paths of stored pending marks among {@link #paths}, which {@link #clear} removes. */
  private final List<ProofPath> storedMarks;

  /**
   * A noted leaf change: the new value is {@code record[valueOffset..]}, none for a removal. Its
   * hash is computed when the trie needs it, so a large batch hashes its values on every thread
   * that updates the trie (see {@link SubtreeUpdates}) rather than on the writer's.
   */
  private record Change(ProofPath path, byte @Nullable [] record, int valueOffset)
      implements RawIndex.Note {
    @Nullable Hash valueHash() {
      byte[] r = record;
      return r == null ? null : Hashing.value(r, valueOffset, r.length - valueOffset);
    }
  }

  private PendingChanges(
      List<ProofPath> paths, List<@Nullable Hash> valueHashes, List<ProofPath> storedMarks) {
    this.paths = paths;
    this.valueHashes = valueHashes;
    this.storedMarks = storedMarks;
  }

  /**
   * Records a put at {@code path} of the value {@code record[valueOffset..]}; {@code record} is the
   * leaf's stored form, which nobody changes.
   */
  static void recordPut(RawIndex raw, ProofPath path, byte[] record, int valueOffset) {
    record(raw, new Change(path, record, valueOffset));
  }

  static void recordRemoval(RawIndex raw, ProofPath path) {
    record(raw, new Change(path, null, 0));
  }

  private static void record(RawIndex raw, Change change) {
    if (raw.keepsNotes()) {
      raw.addNote(change);
    } else {
      Hash valueHash = change.valueHash();
      raw.put(TrieKeys.pending(change.path()), valueHash == null ? REMOVED : valueHash.toBytes());
      TrieState.markPending(raw);
    }
  }

  /** The changes at {@code paths} (ascending, no repeats), {@code null} hashes for removals. */
  static PendingChanges of(List<ProofPath> paths, List<@Nullable Hash> valueHashes) {
    return new PendingChanges(paths, valueHashes, List.of());
  }

  /**
   * The changes waiting in {@code raw}: its stored marks if {@code state} says there are any, then
   * its notes on top.
   */
  static PendingChanges read(RawIndex raw, TrieState state) {
    List<ProofPath> markPaths = new ArrayList<>();
    List<@Nullable Hash> markHashes = new ArrayList<>();
    if (state.pending()) {
      readMarks(raw, markPaths, markHashes);
    }
    List<RawIndex.Note> notes = raw.notes();
    if (notes.isEmpty()) {
      return new PendingChanges(markPaths, markHashes, markPaths);
    }
    Change[] noted = latestPerPath(notes);
    // Merge the two ascending sequences, the notes (newer) winning on equal paths.
    List<ProofPath> paths = new ArrayList<>(noted.length + markPaths.size());
    ValueHashes hashes = new ValueHashes(noted.length + markPaths.size());
    int i = 0;
    int j = 0;
    while (i < noted.length || j < markPaths.size()) {
      int order =
          i == noted.length
              ? 1
              : j == markPaths.size() ? -1 : noted[i].path().compareTo(markPaths.get(j));
      if (order <= 0) {
        paths.add(noted[i].path());
        hashes.add(noted[i]);
        i++;
        if (order == 0) {
          j++;
        }
      } else {
        paths.add(markPaths.get(j));
        hashes.add(markHashes.get(j));
        j++;
      }
    }
    return new PendingChanges(paths, hashes, markPaths);
  }

  /** The last noted change of each path, ascending by path. */
  private static Change[] latestPerPath(List<RawIndex.Note> notes) {
    int n = notes.size();
    // Sorted by the first 31 bits of the path, packed with the note's position so that notes of
    // one path keep the order they were made in: a primitive sort, where sorting the notes by
    // comparing paths cost several times as much. Leaf paths are 256 bits long.
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      packed[i] = (long) ((Change) notes.get(i)).path().bits(0, 31) << 32 | i;
    }
    Arrays.sort(packed);
    Change[] all = new Change[n];
    for (int i = 0; i < n; i++) {
      all[i] = (Change) notes.get((int) packed[i]);
    }
    // Paths that agree in those bits: a stable sort of each such run finishes the order.
    for (int start = 0, i = 1; i <= n; i++) {
      if (i == n || packed[i] >>> 32 != packed[start] >>> 32) {
        if (i - start > 1) {
          Arrays.sort(all, start, i, (a, b) -> a.path().compareTo(b.path()));
        }
        start = i;
      }
    }
    // The last note of each path counts.
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (i + 1 < n && all[i + 1].path().equals(all[i].path())) {
        continue;
      }
      all[kept++] = all[i];
    }
    return kept == n ? all : Arrays.copyOf(all, kept);
  }

  /**
   * Value hashes, each computed on first use from its {@link Change}: by whichever thread updates
   * the trie there. Threads that share the list use disjoint positions; one that computes a hash
   * another has computed too stores an equal one.
   */
  private static final class ValueHashes extends AbstractList<@Nullable Hash> {
    private final @Nullable Object[] items;
    private int size;

    ValueHashes(int capacity) {
      items = new Object[capacity];
    }

    void add(Change change) {
      items[size++] = change.record() == null ? null : change;
    }

    @Override
    public boolean add(@Nullable Hash hash) {
      items[size++] = hash;
      return true;
    }

    @Override
    public @Nullable Hash get(int index) {
      Objects.checkIndex(index, size);
      Object item = items[index];
      if (item instanceof Change change) {
        Hash h = change.valueHash();
        items[index] = h;
        return h;
      }
      return (Hash) item;
    }

    @Override
    public int size() {
      return size;
    }
  }

  private static void readMarks(RawIndex raw, List<ProofPath> paths, List<@Nullable Hash> hashes) {
    Iterator<RawEntry> it = raw.iterator(REGION_START);
    while (it.hasNext()) {
      RawEntry e = it.next();
      if (!TrieKeys.isIn(TrieKeys.PENDING, e.key())) {
        throw new StorageException(
            "Corrupt proof map '" + raw.address() + "': unexpected key in the pending region");
      }
      paths.add(TrieKeys.pathOf(e.key()));
      byte[] value = e.value();
      if (value.length != 0 && value.length != Hash.SIZE) {
        throw new StorageException(
            "Corrupt proof map '"
                + raw.address()
                + "': pending mark of "
                + value.length
                + " bytes");
      }
      hashes.add(value.length == 0 ? null : Hash.of(value));
    }
  }

  boolean isEmpty() {
    return paths.isEmpty();
  }

  /** Removes, once they are applied, the stored marks and the notes these changes came from. */
  void clear(RawIndex raw) {
    for (ProofPath p : storedMarks) {
      raw.remove(TrieKeys.pending(p));
    }
    if (raw.keepsNotes()) {
      raw.clearNotes();
    }
  }
}
