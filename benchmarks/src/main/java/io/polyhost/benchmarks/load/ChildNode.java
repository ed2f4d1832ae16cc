package io.polyhost.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A node of its own for one load run: {@code polyhost run} in a child JVM (the generator's class
 * path holds the host), on free loopback ports, with a fresh data folder that is deleted again.
 *
 * <p>A separate JVM, because that is how a node runs: the generator's threads, heap and collector
 * then do not share the node's, only the machine's cores.
 */
final class ChildNode implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private final Process process;
  private final Path home;
  private final Path log;
  private final URI publicApi;
  private final URI privateApi;

  private ChildNode(Process process, Path home, Path log, URI publicApi, URI privateApi) {
    this.process = process;
    this.home = home;
    this.log = log;
    this.publicApi = publicApi;
    this.privateApi = privateApi;
  }

  /**
   * Starts a node whose artifacts folder is {@code artifactsDir} and waits until it is ready.
   *
   * @param javaOptions extra JVM options for the node, e.g. a flight recording
   * @throws IllegalStateException if the node exits or is not ready within two minutes
   */
  static ChildNode start(Path artifactsDir, List<String> javaOptions) {
    try {
      Path home = Files.createTempDirectory("polyhost-bench-");
      int publicPort = freePort();
      int privatePort = freePort();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(nodeJavaOptions());
      command.addAll(javaOptions);
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              "io.polyhost.host.cli.Main",
              "run",
              "--data-dir",
              home.resolve("data").toString(),
              "--artifacts-dir",
              artifactsDir.toAbsolutePath().toString(),
              "--public-port",
              Integer.toString(publicPort),
              "--private-port",
              Integer.toString(privatePort)));
      Path log = home.resolve("node.log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      ChildNode node =
          new ChildNode(
              process,
              home,
              log,
              URI.create("http://127.0.0.1:" + publicPort),
              URI.create("http://127.0.0.1:" + privatePort));
      try {
        node.awaitReady();
      } catch (RuntimeException e) {
        node.close();
        throw e;
      }
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start a node for the load run", e);
    }
  }

  /**
   * The options {@code ./polyhost run} gives the node's JVM, from {@code scripts/node-java-options}
   * under {@code polyhost.home} (set by {@code scripts/loadgen}), else under the working folder or
   * its parent (a test run in {@code benchmarks/}): the bench must measure the node as it runs.
   *
   * @throws IllegalStateException if the file is not found
   */
  static List<String> nodeJavaOptions() throws IOException {
    String home = System.getProperty("polyhost.home");
    List<Path> candidates =
        home != null ? List.of(Path.of(home)) : List.of(Path.of("."), Path.of(".."));
    for (Path root : candidates) {
      Path file = root.resolve("scripts").resolve("node-java-options");
      if (Files.isRegularFile(file)) {
        return Files.readAllLines(file).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
      }
    }
    throw new IllegalStateException(
        "Cannot find scripts/node-java-options under "
            + candidates
            + "; run the bench through ./polyhost bench or set -Dpolyhost.home to the repository");
  }

  URI publicApi() {
    return publicApi;
  }

  URI privateApi() {
    return privateApi;
  }

  /** The process id, e.g. to attach a profiler. */
  long pid() {
    return process.pid();
  }

  /** The node's process, e.g. for its CPU time. */
  ProcessHandle process() {
    return process.toHandle();
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(publicApi.resolve("/api/system/v1/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "The node exited with code " + process.exitValue() + " while starting:\n" + logTail());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the node", e);
      }
      sleep(Duration.ofMillis(200));
    }
    throw new IllegalStateException(
        "The node was not ready within " + START_TIMEOUT + "; its log ends:\n" + logTail());
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** Stops the node (as Ctrl-C would), then deletes its data folder. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("bench: could not delete " + home + ": " + e.getMessage());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
