package io.polyhost.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The changes of a fork, by index id, with an undo journal back to the last flush point.
 *
 * <p>Every write appends one journal record holding what it overwrote; {@link #rollback()} replays
 * the journal backwards, {@link #flush()} forgets it. A clear replaces the index's change map with
 * a fresh one and journals the old map itself, so clearing costs no copying.
 *
 * <p>Derived entries (see {@link RawIndex#putDerived}) and derivation log records are kept apart
 * from the ordinary changes, because a merge may defer writing the former and writes the latter to
 * a log of its own; they follow the same undo journal. So do the indexes' notes (see {@link
 * RawIndex#notes}), which never leave the fork.
 */
final class ChangeSet {
  private final Map<Long, IndexChanges> byIndex = new HashMap<>();
  private final Map<Long, IndexChanges> derivedByIndex = new HashMap<>();
  private final Map<Long, List<byte[]>> logByIndex = new HashMap<>();
  private final Map<Long, NoteList> notesByIndex = new HashMap<>();
  private final List<Undo> journal = new ArrayList<>();

  private sealed interface Undo {}

  private record UndoWrite(IndexChanges changes, byte[] key, byte @Nullable [] previous)
      implements Undo {}

  private record UndoClear(Map<Long, IndexChanges> map, long id, @Nullable IndexChanges previous)
      implements Undo {}

  private record UndoLog(List<byte[]> records) implements Undo {}

  /**
   * An index's notes; the list itself is the undo record of an added note (rollback drops the last
   * one), so noting allocates nothing but the note.
   */
  private static final class NoteList implements Undo {
    final List<RawIndex.Note> notes = new ArrayList<>();
  }

  private record UndoNotesCleared(long id, NoteList previous) implements Undo {}

  @Nullable IndexChanges get(long id) {
    return byIndex.get(id);
  }

  @Nullable IndexChanges derived(long id) {
    return derivedByIndex.get(id);
  }

  Map<Long, IndexChanges> all() {
    return byIndex;
  }

  Map<Long, IndexChanges> allDerived() {
    return derivedByIndex;
  }

  Map<Long, List<byte[]>> logs() {
    return logByIndex;
  }

  /** The notes of index {@code id}, oldest first; empty if none. */
  List<RawIndex.Note> notes(long id) {
    NoteList n = notesByIndex.get(id);
    return n == null ? List.of() : n.notes;
  }

  /** The ids of the indexes holding notes. */
  List<Long> notedIndexes() {
    List<Long> ids = new ArrayList<>();
    notesByIndex.forEach((id, n) -> {
      if (!n.notes.isEmpty()) {
        ids.add(id);
      }
    });
    return ids;
  }

  void note(long id, RawIndex.Note note) {
    NoteList n = notesByIndex.computeIfAbsent(id, unused -> new NoteList());
    n.notes.add(note);
    journal.add(n);
  }

  void clearNotes(long id) {
    NoteList previous = notesByIndex.remove(id);
    if (previous != null && !previous.notes.isEmpty()) {
      journal.add(new UndoNotesCleared(id, previous));
    }
  }

  void put(long id, byte[] key, byte[] value) {
    write(byIndex, id, key, value);
  }

  void putDerived(long id, byte[] key, byte[] value) {
    write(derivedByIndex, id, key, value);
  }

  void log(long id, byte[] record) {
    List<byte[]> records = logByIndex.computeIfAbsent(id, unused -> new ArrayList<>());
    records.add(record);
    journal.add(new UndoLog(records));
  }

  private void write(Map<Long, IndexChanges> map, long id, byte[] key, byte[] value) {
    IndexChanges changes = map.computeIfAbsent(id, unused -> new IndexChanges());
    byte[] previous = changes.put(key, value);
    journal.add(new UndoWrite(changes, key, previous));
  }

  /** Clears the index: its ordinary and derived entries and its notes alike. */
  void clear(long id) {
    clearNotes(id);
    for (Map<Long, IndexChanges> map : List.of(byIndex, derivedByIndex)) {
      IndexChanges fresh = new IndexChanges();
      fresh.cleared = true;
      journal.add(new UndoClear(map, id, map.put(id, fresh)));
    }
  }

  void flush() {
    journal.clear();
  }

  void rollback() {
    for (int i = journal.size() - 1; i >= 0; i--) {
      switch (journal.get(i)) {
        case UndoWrite w -> {
          if (w.previous() == null) {
            w.changes().remove(w.key());
          } else {
            w.changes().put(w.key(), w.previous());
          }
        }
        case UndoClear c -> {
          if (c.previous() == null) {
            c.map().remove(c.id());
          } else {
            c.map().put(c.id(), c.previous());
          }
        }
        case UndoLog l -> l.records().removeLast();
        case NoteList n -> n.notes.removeLast();
        case UndoNotesCleared c -> notesByIndex.put(c.id(), c.previous());
      }
    }
    journal.clear();
  }
}
