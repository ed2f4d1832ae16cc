package io.polyhost.host.blockchain;

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
 * A {@link BankNode} in a child JVM started with this JVM's java binary and class path; its output
 * lines are collected as they arrive so the test can time a kill on them.
 */
final class NodeProcess implements AutoCloseable {
  /** The exit code of a process ended by SIGKILL: 128 + 9. */
  static final int KILLED = 137;

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final Process process;
  private final Path tmp;
  private final Path stderr;
  private final long startedNanos = System.nanoTime();
  private final Thread reader;
  private final List<String> lines = new ArrayList<>(); // guarded by this
  private boolean ended; // guarded by this
  private @Nullable IOException readFailure; // guarded by this

  private NodeProcess(Process process, Path tmp, Path stderr) {
    this.process = process;
    this.tmp = tmp;
    this.stderr = stderr;
    this.reader = Thread.ofPlatform().name("bank-node-output").start(this::readOutput);
  }

  /**
   * Starts a node on the database in {@code database}; {@code scratch} takes its temporary files,
   * such as the native library RocksDB unpacks, which a killed JVM cannot delete.
   */
  static NodeProcess start(Path database, long seed, Path scratch) throws IOException {
    Path tmp = Files.createDirectories(scratch.resolve("tmp"));
    Path stderr = scratch.resolve("stderr.txt");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED",
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData",
            "-Djava.io.tmpdir=" + tmp,
            "-cp",
            System.getProperty("java.class.path"),
            BankNode.class.getName(),
            database.toString(),
            Long.toString(seed));
    Process process =
        new ProcessBuilder(command).redirectError(stderr.toFile()).directory(tmp.toFile()).start();
    return new NodeProcess(process, tmp, stderr);
  }

  /** Sleeps until {@code delay} has passed since the start. */
  void sleepUntilStartedFor(Duration delay) throws InterruptedException {
    long left = startedNanos + delay.toNanos() - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  /** Waits for the first output line that {@code wanted} accepts, and returns it. */
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
            (ended ? "The node ended" : "The node was silent for " + PATIENCE)
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

  /** Sends SIGKILL and returns everything the node printed, including what was in the pipe. */
  NodeOutput kill() throws InterruptedException {
    // Through the handle: Process.destroyForcibly() also closes our end of the pipe, which could
    // drop the last lines, and those bound what the database may hold.
    process.toHandle().destroyForcibly();
    int exit = process.waitFor();
    reader.join();
    synchronized (this) {
      if (readFailure != null) {
        throw new AssertionError("Reading the node's output failed", readFailure);
      }
      return new NodeOutput(exit, lines, stderrText());
    }
  }

  /** Kills the node if it still runs and deletes its temporary files. */
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
