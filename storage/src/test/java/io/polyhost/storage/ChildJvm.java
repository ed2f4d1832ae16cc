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
 * A program in a child JVM, started with the test's own java binary and class path, whose output
 * lines are collected as they come so a crash test can time a kill on them. Shared by the crash
 * tests of the storage ({@link MergeLoop}) and of the blockchain.
 */
public final class ChildJvm implements AutoCloseable {
  /**
   * What a killed child printed.
   *
   * @param exitCode the exit code its JVM reported
   * @param lines its standard output, line by line
   * @param stderr its standard error
   */
  public record Output(int exitCode, List<String> lines, String stderr) {
    /** Copies the lines. */
    public Output {
      lines = List.copyOf(lines);
    }
  }

  /** What {@code waitFor} reports for a process ended by SIGKILL: 128 + 9. */
  public static final int KILLED = 137;

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final Process process;
  private final Path tmp;
  private final Path stderr;
  private final long startedNanos;
  private final Thread reader;
  private final List<String> lines = new ArrayList<>(); // guarded by this
  private boolean ended; // guarded by this
  private @Nullable IOException readFailure; // guarded by this

  private ChildJvm(Process process, Path tmp, Path stderr) {
    this.process = process;
    this.tmp = tmp;
    this.stderr = stderr;
    this.startedNanos = System.nanoTime();
    this.reader = Thread.ofPlatform().name("child-jvm-output").start(this::readOutput);
  }

  /**
   * Starts {@code main} with {@code args}; {@code scratch} receives its temporary files (RocksDB
   * unpacks its native library there, and a killed JVM never deletes it).
   */
  public static ChildJvm start(Class<?> main, Path scratch, String... args) throws IOException {
    return start(main, scratch, List.of(), args);
  }

  /**
   * Like {@link #start(Class, Path, String...)}, with {@code jvmOptions} after the usual ones (a
   * later option wins), e.g. a smaller metaspace.
   */
  public static ChildJvm start(Class<?> main, Path scratch, List<String> jvmOptions, String... args)
      throws IOException {
    Path tmp = Files.createDirectories(scratch.resolve("tmp"));
    Path stderr = scratch.resolve("stderr.txt");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                // A killed JVM leaves its performance-data file in /tmp behind.
                "-XX:-UsePerfData",
                "-Djava.io.tmpdir=" + tmp));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectError(stderr.toFile()).directory(tmp.toFile()).start();
    return new ChildJvm(process, tmp, stderr);
  }

  /** Sleeps until {@code delay} has passed since the child was started. */
  public void sleepUntilStartedFor(Duration delay) throws InterruptedException {
    long left = startedNanos + delay.toNanos() - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  /** Waits for the first output line {@code wanted} accepts and returns it. */
  public synchronized String awaitLine(Predicate<String> wanted, String description)
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
  public Output kill() throws InterruptedException {
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
      return new Output(exit, lines, stderrText());
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
