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
 */
final class ChangeSet {
  private final Map<Long, IndexChanges> byIndex = new HashMap<>();
  private final List<Undo> journal = new ArrayList<>();

  private sealed interface Undo {}

  private record UndoWrite(IndexChanges changes, byte[] key, byte @Nullable [] previous)
      implements Undo {}

  private record UndoClear(long id, @Nullable IndexChanges previous) implements Undo {}

  @Nullable IndexChanges get(long id) {
    return byIndex.get(id);
  }

  Map<Long, IndexChanges> all() {
    return byIndex;
  }

  void put(long id, byte[] key, byte[] value) {
    IndexChanges changes = byIndex.computeIfAbsent(id, unused -> new IndexChanges());
    byte[] previous = changes.put(key, value);
    journal.add(new UndoWrite(changes, key, previous));
  }

  void clear(long id) {
    IndexChanges fresh = new IndexChanges();
    fresh.cleared = true;
    journal.add(new UndoClear(id, byIndex.put(id, fresh)));
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
            byIndex.remove(c.id());
          } else {
            byIndex.put(c.id(), c.previous());
          }
        }
      }
    }
    journal.clear();
  }
}
