package io.polyhost.benchmarks;

import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.storage.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Inserts batches of fresh random entries into a pre-filled map, each batch in its own fork merged
 * into the database, while keeping the map close to its nominal size.
 *
 * <p>A timed run inserts millions of keys; left alone, a "10,000-key" map would hold a hundred
 * times that by the end. So once the keys inserted since the last trim reach a tenth of the nominal
 * size (at least one batch), {@link #prepare()} removes them again, outside the measured code. The
 * map therefore always holds between {@code n} and {@code 1.1 n} keys when a batch starts, and for
 * the smallest size exactly {@code n}.
 */
final class InsertWorkload {
  /** Keys per fork: one block's worth of writes, the unit the headline figure is quoted in. */
  static final int BATCH = 1_000;

  private final Database db;
  private final Function<IndexAccess, ? extends MapIndex<byte[], byte[]>> open;
  private final RandomEntries random;
  private final int growthLimit;
  private final List<byte[]> insertedSinceTrim = new ArrayList<>();
  private List<byte[]> keys = List.of();
  private List<byte[]> values = List.of();

  InsertWorkload(
      Database db,
      Function<IndexAccess, ? extends MapIndex<byte[], byte[]>> open,
      RandomEntries random,
      int nominalSize) {
    this.db = db;
    this.open = open;
    this.random = random;
    this.growthLimit = Math.max(BATCH, nominalSize / 10);
  }

  /** Unmeasured: trims the map if it grew too much, then draws the next batch. */
  void prepare() {
    insertedSinceTrim.addAll(keys);
    if (insertedSinceTrim.size() >= growthLimit) {
      Batches.removeAll(db, open, insertedSinceTrim);
      insertedSinceTrim.clear();
    }
    keys = random.keys(BATCH);
    List<byte[]> next = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      next.add(random.value());
    }
    values = next;
  }

  /** Measured: one fork, {@link #BATCH} puts, {@code intoPatch} (hashing) and the merge. */
  void insertPrepared() {
    Batches.commit(
        db,
        access -> {
          MapIndex<byte[], byte[]> map = open.apply(access);
          for (int i = 0; i < BATCH; i++) {
            map.put(keys.get(i), values.get(i));
          }
        });
  }
}
