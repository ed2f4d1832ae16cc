package io.polyhost.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MergeLoop} in a child JVM, started with the test's own java binary and class path, whose
 * output lines are collected as they come so the test can time its kill on them.
 */
final class MergeLoopProcess implements AutoCloseable {
  /** What {@code waitFor} reports for a process ended by SIGKILL: 128 + 9. */
  static final int KILLED = 137;

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final Process process;
  private final Path tmp;
  private final Path stderr;
  private final long startedNanos;
  private final Thread reader;
  private final List<String> lines = new ArrayList<>(); // guarded by this
  private boolean ended; // guarded by this
  private @Nullable IOException readFailure; // guarded by this

  private MergeLoopProcess(Process process, Path tmp, Path stderr) {
    this.process = process;
    this.tmp = tmp;
    this.stderr = stderr;
    this.startedNanos = System.nanoTime();
    this.reader = Thread.ofPlatform().name("merge-loop-output").start(this::readOutput);
  }

  /**
   * Starts a child on the database in {@code database}; {@code scratch} receives its temporary
   * files (RocksDB unpacks its native library there, and a killed JVM never deletes it).
   */
  static MergeLoopProcess start(Path database, long seed, Path scratch) throws IOException {
    Path tmp = Files.createDirectories(scratch.resolve("tmp"));
    Path stderr = scratch.resolve("stderr.txt");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED",
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            // A killed JVM leaves its performance-data file in /tmp behind.
            "-XX:-UsePerfData",
            "-Djava.io.tmpdir=" + tmp,
            "-cp",
            System.getProperty("java.class.path"),
            MergeLoop.class.getName(),
            database.toString(),
            Long.toString(seed));
    Process process =
        new ProcessBuilder(command).redirectError(stderr.toFile()).directory(tmp.toFile()).start();
    return new MergeLoopProcess(process, tmp, stderr);
  }

  /** Sleeps until {@code delay} has passed since the child was started. */
  void sleepUntilStartedFor(Duration delay) throws InterruptedException {
    long left = startedNanos + delay.toNanos() - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  /** Waits for the first output line {@code wanted} accepts and returns it. */
  synchronized String awaitLine(Predicate<String> wanted, String description)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    for (int seen = 0; ; ) {
      for (; seen < lines.size(); seen++) {
        if (wanted.test(lines.get(seen))) {
          return lines.get(seen);
        }
      }
      long left = deadline - System.nanoTime();
      if (ended || left <= 0) {
        throw new AssertionError(
            (ended ? "The child ended" : "The child went quiet for " + PATIENCE)
                + " before printing "
                + description
                + "; its output: "
                + lines
                + "; its stderr: "
                + stderrText());
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /**
   * Kills the child with SIGKILL and returns everything it printed, including what was still in the
   * pipe at the moment of the kill.
   */
  ChildOutput kill() throws InterruptedException {
    // Through the handle: Process.destroyForcibly() also closes the output pipe, which would drop
    // the last lines, and those are the ones that bound what the database may hold.
    process.toHandle().destroyForcibly();
    int exit = process.waitFor();
    reader.join();
    synchronized (this) {
      if (readFailure != null) {
        // Lines may be missing, and the bounds the test draws from them would be wrong.
        throw new AssertionError("Reading the child's output failed", readFailure);
      }
      return new ChildOutput(exit, List.copyOf(lines), stderrText());
    }
  }

  /** Kills the child if it still runs and deletes its temporary files. */
  @Override
  public void close() throws InterruptedException, IOException {
    process.destroyForcibly();
    process.waitFor();
    try (Stream<Path> files = Files.walk(tmp)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        if (!file.equals(tmp)) {
          Files.delete(file);
        }
      }
    }
  }

  private void readOutput() {
    try (BufferedReader in = process.inputReader()) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (this) {
          lines.add(line);
          notifyAll();
        }
      }
    } catch (IOException e) {
      synchronized (this) {
        readFailure = e;
      }
    } finally {
      synchronized (this) {
        ended = true;
        notifyAll();
      }
    }
  }

  private String stderrText() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
