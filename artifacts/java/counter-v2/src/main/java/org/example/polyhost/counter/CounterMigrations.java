package org.example.polyhost.counter;

import io.polyhost.api.migration.MigrationContext;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.service.MigrationProvider;
import io.polyhost.api.storage.Entry;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializers;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.example.polyhost.counter.proto.Counter;
import org.jspecify.annotations.Nullable;

/**
 * The data migration 2.0.0 ships, named by the JAR manifest's {@code Polyhost-Migrations}: turns
 * each bare value of 1.0.0 into a {@link Counter} record.
 *
 * <p>Every validator runs the script on its own and the network compares the hashes of the results,
 * so the script is deterministic. It also survives a restart of the node: it migrates in batches,
 * notes the last counter of each batch in the scratchpad and merges, and a restarted script goes on
 * after the noted counter instead of starting over.
 */
public final class CounterMigrations implements MigrationProvider {
  /** How many counters a batch migrates before its work is merged (kept on disk). */
  static final int BATCH = 1_000;

  /** Called by the runtime, which needs a public no-argument constructor. */
  public CounterMigrations() {}

  @Override
  public Version oldestSupported() {
    return Version.parse("1.0.0");
  }

  @Override
  public List<MigrationScript> scripts() {
    return List.of(
        new MigrationScript(
            "counters as records", Version.parse("2.0.0"), CounterMigrations::countersToRecords));
  }

  static void countersToRecords(MigrationContext context) {
    while (migrateBatch(context)) {
      // merge() persists the batch and starts a new fork: views opened before it are stale, so
      // every batch opens its indexes anew.
      context.merge();
    }
  }

  /** Migrates the next batch; returns whether there was anything left to migrate. */
  private static boolean migrateBatch(MigrationContext context) {
    ProofMapIndex<String, Long> old = CounterSchema.countersOfVersion1(context.oldData());
    ProofMapIndex<String, Counter> migrated = CounterSchema.counters(context.newData());
    Entry<String> lastDone = context.scratchpad().entry("last-migrated", Serializers.string());
    @Nullable String after = lastDone.get().orElse(null);
    // The map iterates in the order of its key hashes, the same on every node and in every run.
    Iterator<Map.Entry<String, Long>> entries =
        after == null ? old.entries() : old.entriesFrom(after);
    int count = 0;
    while (entries.hasNext() && count < BATCH) {
      Map.Entry<String, Long> entry = entries.next();
      if (entry.getKey().equals(after)) {
        continue; // entriesFrom starts at the last counter of the previous batch
      }
      // 1.0.0 did not record when a counter changed, so updated_at stays unset.
      migrated.put(entry.getKey(), Counter.newBuilder().setValue(entry.getValue()).build());
      lastDone.set(entry.getKey());
      count++;
    }
    return count > 0;
  }
}
