package io.polyhost.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The child process of {@link CrashSafetyIT}: opens the database, continues after the last patch it
 * finds there and merges {@link CrashPatches} one after another until it is killed.
 *
 * <p>It prints {@code opened m} once the database is open, then {@code merging n} just before and
 * {@code merged n} just after each merge, flushing every line. A line the parent can read was
 * written before the process went on, so the parent knows that patch {@code n} was not merged
 * before {@code merging n} appeared, and was merged once {@code merged n} did.
 *
 * <p>Arguments: the database directory and the seed.
 */
final class MergeLoop {
  private MergeLoop() {}

  public static void main(String[] args) {
    Path directory = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    exitWhenParentGoes();
    try (RocksDbDatabase db = RocksDbDatabase.open(directory)) {
      long n;
      try (Snapshot snapshot = db.snapshot()) {
        n = CrashPatches.lastPatch(snapshot);
      }
      say("opened " + n);
      while (true) {
        n++;
        Fork fork = db.fork();
        CrashPatches.write(fork, seed, n);
        try (Patch patch = fork.intoPatch()) {
          say("merging " + n);
          db.merge(patch);
          say("merged " + n);
        }
      }
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  /**
   * Standard input is a pipe from the parent that is never written to; it ends when the parent
   * dies, and a child whose parent died without killing it must not merge forever.
   */
  private static void exitWhenParentGoes() {
    Thread watcher =
        new Thread(
            () -> {
              try (InputStream in = System.in) {
                while (in.read() != -1) {
                  // The parent writes nothing; keep waiting for the end of the stream.
                }
              } catch (IOException e) {
                // A broken pipe means the same as the end of the stream.
              }
              Runtime.getRuntime().halt(3);
            },
            "parent-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }
}
