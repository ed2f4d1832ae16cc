package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.storage.index.Seeds;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of merges: a child JVM ({@link MergeLoop}) merging patches in a loop is killed with
 * SIGKILL at random moments, then the database is reopened and checked.
 *
 * <p>After each kill the marker in the database names the last patch {@code m} it holds. The checks
 * are that the database equals a replay of patches {@code 1..m} in a database that never crashed
 * (every index, the raw key space and the state hash), so no merge is partly there and patch {@code
 * m+1} left no trace; that {@code m} is at least the last patch the child reported merged, so no
 * acknowledged merge was lost; and that {@code m} is at most the last patch the child started to
 * merge. Then a new child continues from {@code m+1}.
 *
 * <p>Proof map pages merged since the last checkpoint exist only in the child's memory when it is
 * killed (see {@link DatabaseOptions#deferredPageBytes}); opening the database rebuilds them from
 * the log, and the raw key spaces compared are those after a checkpoint.
 */
class CrashSafetyIT {
  private static final int ROUNDS = 24;

  @TempDir Path temp;

  /** Rounds after which opening the database rebuilt proof map pages a kill lost. */
  private int recoveredRounds;

  @Test
  void aKilledMergeIsEntirelyPresentOrEntirelyAbsent() throws Exception {
    long seed = Seeds.pick("CrashSafetyIT");
    SplittableRandom random = new SplittableRandom(seed);
    Path crashed = temp.resolve("crashed");
    long startedNanos = System.nanoTime();
    long stored = 0;
    int progressed = 0;
    int killedInMerge = 0;
    int killedInMergeAfterWrite = 0;
    try (RocksDbDatabase replay = RocksDbDatabase.open(temp.resolve("replay"))) {
      for (int round = 1; round <= ROUNDS; round++) {
        KillPlan plan = KillPlan.forRound(round, random);
        String context = "seed=" + seed + ", round " + round + " " + plan;
        long roundNanos = System.nanoTime();
        ChildOutput output = runAndKill(crashed, seed, plan);
        long before = stored;
        stored = checkAfterKill(crashed, replay, seed, before, output, context);
        long merging = output.lastMerging().orElse(before);
        if (merging > output.lastMerged().orElse(before)) {
          killedInMerge++;
          killedInMergeAfterWrite += stored == merging ? 1 : 0;
        }
        progressed += stored > before ? 1 : 0;
        System.out.printf(
            "round %d %s: %s -> %d patches stored (%d ms)%n",
            round, plan, output.summary(), stored, millisSince(roundNanos));
      }
    }
    System.out.printf(
        "seed=%d: %d kills, %d patches merged, %d rounds made progress, %d rebuilt pages, %d kills"
            + " between 'merging' and 'merged' (%d of them kept the patch), %d ms%n",
        seed,
        ROUNDS,
        stored,
        progressed,
        recoveredRounds,
        killedInMerge,
        killedInMergeAfterWrite,
        millisSince(startedNanos));
    // Every third round waits until the child starts its second patch at least, so a run in which
    // the children merge nothing cannot pass.
    assertThat(progressed)
        .as("seed=%d: rounds in which patches were merged", seed)
        .isGreaterThanOrEqualTo(ROUNDS / 3);
    // Kills between checkpoints, so that opening had pages to rebuild from the log.
    assertThat(recoveredRounds)
        .as("seed=%d: rounds after which pages were rebuilt", seed)
        .isGreaterThanOrEqualTo(ROUNDS / 4);
  }

  private ChildOutput runAndKill(Path database, long seed, KillPlan plan) throws Exception {
    try (ChildJvm child =
        ChildJvm.start(
            MergeLoop.class, temp.resolve("child"), database.toString(), Long.toString(seed))) {
      plan.await(child);
      return ChildOutput.of(child.kill());
    }
  }

  /**
   * Checks the database after a kill and returns the number of patches it holds.
   *
   * @param before the number of patches it held when the child started
   */
  private long checkAfterKill(
      Path crashed,
      RocksDbDatabase replay,
      long seed,
      long before,
      ChildOutput output,
      String context) {
    assertThat(output.exitCode())
        .as("%s: exit code of the killed child; its stderr: %s", context, output.stderr())
        .isEqualTo(ChildJvm.KILLED);
    if (output.opened().isPresent()) {
      assertThat(output.opened().getAsLong())
          .as("%s: the last patch the child found on opening", context)
          .isEqualTo(before);
    }
    long reported = Math.max(before, output.lastMerged().orElse(before));
    long started = output.lastMerging().orElse(before);
    try (RocksDbDatabase db = RocksDbDatabase.open(crashed)) {
      recoveredRounds += db.recoveredIndexes() > 0 ? 1 : 0;
      long stored;
      try (Snapshot snapshot = db.snapshot()) {
        stored = CrashPatches.lastPatch(snapshot);
      }
      assertThat(stored)
          .as(
              "%s: last patch stored; the child reported %d merged and started %d",
              context, reported, started)
          .isBetween(reported, started);
      replayTo(replay, seed, stored);
      assertSameState(StateDump.of(db), StateDump.of(replay), context + ", last patch " + stored);
      return stored;
    }
  }

  /** Brings the replay up to patch {@code last}; it only moves forward, as the marker must. */
  private static void replayTo(RocksDbDatabase replay, long seed, long last) {
    long n;
    try (Snapshot snapshot = replay.snapshot()) {
      n = CrashPatches.lastPatch(snapshot);
    }
    while (n < last) {
      n++;
      Fork fork = replay.fork();
      CrashPatches.write(fork, seed, n);
      try (Patch patch = fork.intoPatch()) {
        replay.merge(patch);
      }
    }
  }

  private static void assertSameState(List<String> actual, List<String> expected, String context) {
    for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
      assertThat(actual.get(i))
          .as("%s: line %d of the state, reopened versus replayed", context, i)
          .isEqualTo(expected.get(i));
    }
    assertThat(actual.size())
        .as("%s: lines of the state, reopened versus replayed", context)
        .isEqualTo(expected.size());
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }
}
