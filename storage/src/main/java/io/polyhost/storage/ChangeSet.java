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
 * a log of its own; they follow the same undo journal.
 */
final class ChangeSet {
  private final Map<Long, IndexChanges> byIndex = new HashMap<>();
  private final Map<Long, IndexChanges> derivedByIndex = new HashMap<>();
  private final Map<Long, List<byte[]>> logByIndex = new HashMap<>();
  private final List<Undo> journal = new ArrayList<>();

  private sealed interface Undo {}

  private record UndoWrite(IndexChanges changes, byte[] key, byte @Nullable [] previous)
      implements Undo {}

  private record UndoClear(Map<Long, IndexChanges> map, long id, @Nullable IndexChanges previous)
      implements Undo {}

  private record UndoLog(List<byte[]> records) implements Undo {}

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

  /** Clears the index: its ordinary and derived entries alike. */
  void clear(long id) {
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
      }
    }
    journal.clear();
  }
}
