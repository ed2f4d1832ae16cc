package io.polyhost.host.dispatcher;

import io.polyhost.api.migration.MigrationContext;
import io.polyhost.api.migration.MigrationLogic;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.ProofEntry;
import io.polyhost.api.storage.Serializers;
import io.polyhost.host.testing.Counter;

/**
 * Migration scripts for the migration tests. They work on a {@link Counter}'s data: the old data
 * holds {@code count}, the migrated data an {@code entry} derived from it, so a script really reads
 * old data and writes new data.
 */
final class Scripts {
  /** What {@link #good} adds to the old count. */
  static final long OFFSET = 1000;

  private Scripts() {}

  /** The migrated {@code entry} in {@code data}. */
  static ProofEntry<Long> entry(IndexAccess data) {
    return data.proofEntry("entry", Serializers.int64());
  }

  /** The old count, as the script reads it. */
  static long oldCount(MigrationContext context) {
    return Counter.count(context.oldData()).get().orElse(0L);
  }

  /** A script ending at {@code end}. */
  static MigrationScript script(String end, MigrationLogic logic) {
    return new MigrationScript("migration to " + end, Version.parse(end), logic);
  }

  /** Writes {@code entry = count + OFFSET} and drops {@code count}. */
  static MigrationScript good(String end) {
    return script(
        end,
        context -> {
          entry(context.newData()).set(oldCount(context) + OFFSET);
          context.createTombstone("count");
        });
  }

  /** Writes {@code entry = count + OFFSET}, then {@code entry = value} if {@code good} is false. */
  static MigrationScript goodOrOther(String end, boolean good, long value) {
    return script(
        end,
        context -> {
          entry(context.newData()).set(good ? oldCount(context) + OFFSET : value);
          context.createTombstone("count");
        });
  }

  /** Fails with a checked exception whose message is {@code message}. */
  static MigrationScript failing(String end, String message) {
    return script(
        end,
        context -> {
          entry(context.newData()).set(1L);
          context.merge();
          throw new Exception(message);
        });
  }

  /** Throws an unchecked exception, the Java counterpart of a panicking Rust script. */
  static MigrationScript panicking(String end, String message) {
    return script(
        end,
        context -> {
          entry(context.newData()).set(1L);
          throw new IllegalStateException(message);
        });
  }

  /**
   * Writes {@code entry = 1} and merges, passes {@code gate}, then writes {@code entry = count +
   * OFFSET} and finishes: the data of {@link #good} with a merge in the middle.
   */
  static MigrationScript gated(String end, ScriptGate gate) {
    return script(
        end,
        context -> {
          entry(context.newData()).set(1L);
          context.merge();
          gate.pass();
          entry(context.newData()).set(oldCount(context) + OFFSET);
          context.createTombstone("count");
        });
  }

  /** Like {@link #gated} but ends with a failure instead of data. */
  static MigrationScript gatedFailing(String end, ScriptGate gate, String message) {
    return script(
        end,
        context -> {
          entry(context.newData()).set(1L);
          context.merge();
          gate.pass();
          throw new Exception(message);
        });
  }
}
