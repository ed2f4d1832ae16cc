package io.polyhost.docs;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the shell commands of a document the way a reader would, from the repository root, with the
 * few changes that let a test run beside other nodes and leave the checkout as it was: the node's
 * ports are free ones (given to the client commands too), its data folder is temporary, and the
 * folders the document writes to ({@code services/}, {@code artifacts/deploy/}) are temporary ones.
 * {@code ./polyhost run} runs in the background, as in the reader's second terminal, until {@link
 * #close()}.
 */
final class DocumentedSession implements AutoCloseable {
  private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(15);
  private static final List<String> CLIENT_COMMANDS =
      List.of(
          "status",
          "services",
          "artifacts",
          "deploy",
          "start",
          "stop",
          "freeze",
          "resume",
          "migrate",
          "unload",
          "tx",
          "read",
          "keygen");

  private final Path root;
  private final Path sandbox;
  private final boolean exampleArtifacts;
  private final int publicPort;
  private final int privatePort;
  private final List<Process> background = new ArrayList<>();
  private final StringBuilder transcript = new StringBuilder();

  /**
   * A session in {@code root}; with {@code exampleArtifacts}, the node uses the artifacts folder
   * the build filled ({@code artifacts/deploy/}) rather than a temporary one.
   */
  DocumentedSession(Path root, Path sandbox, boolean exampleArtifacts) throws IOException {
    this.root = root;
    this.sandbox = sandbox;
    this.exampleArtifacts = exampleArtifacts;
    this.publicPort = freePort();
    this.privatePort = freePort();
    Files.createDirectories(sandbox.resolve("deploy"));
    Files.createDirectories(sandbox.resolve("services"));
    Files.createDirectories(sandbox.resolve("keys"));
  }

  /** The commands of every {@code ```sh} block of {@code document}, one per line. */
  static List<String> commands(Path document) throws IOException {
    List<String> commands = new ArrayList<>();
    Matcher blocks = SH_BLOCK.matcher(Files.readString(document));
    while (blocks.find()) {
      for (String line : blocks.group(1).lines().toList()) {
        if (!line.isBlank() && !line.strip().startsWith("#")) {
          commands.add(line.strip());
        }
      }
    }
    return commands;
  }

  /** {@code command} as the test runs it: temporary folders, this session's ports. */
  String adapt(String command) {
    String adapted =
        command
            .replace("services/", sandbox.resolve("services") + "/")
            .replace("keys/", sandbox.resolve("keys") + "/")
            .replace("artifacts/deploy/", sandbox.resolve("deploy") + "/");
    if (adapted.equals("./polyhost run")) {
      return adapted
          + " --data-dir "
          + sandbox.resolve("data")
          + (exampleArtifacts ? "" : " --artifacts-dir " + sandbox.resolve("deploy"))
          + " --public-port "
          + publicPort
          + " --private-port "
          + privatePort;
    }
    String[] words = adapted.split(" ");
    if (words.length > 1 && words[0].equals("./polyhost") && CLIENT_COMMANDS.contains(words[1])) {
      return adapted
          + " --node http://127.0.0.1:"
          + publicPort
          + " --admin http://127.0.0.1:"
          + privatePort;
    }
    return adapted;
  }

  /**
   * Runs {@code command} (already adapted) and returns its output; {@code ./polyhost run} starts in
   * the background and returns once the node answers.
   *
   * @throws AssertionError with the transcript if the command fails
   */
  String run(String command) throws IOException, InterruptedException {
    transcript.append("$ ").append(command).append('\n');
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", command)
            .directory(root.toFile())
            .redirectErrorStream(true);
    if (command.startsWith("./polyhost run")) {
      Path log = sandbox.resolve("node.log");
      builder.redirectOutput(log.toFile());
      background.add(builder.start());
      awaitNode(log);
      return "";
    }
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Timed out: " + command + "\n" + transcript);
    }
    String text = new String(output, StandardCharsets.UTF_8);
    transcript.append(text);
    if (process.exitValue() != 0) {
      throw new AssertionError(
          "Exit " + process.exitValue() + " from the documented command\n" + transcript);
    }
    return text;
  }

  String transcript() {
    return transcript.toString();
  }

  private void awaitNode(Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    URI health = URI.create("http://127.0.0.1:" + privatePort + "/api/system/v1/health");
    long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!background.getLast().isAlive()) {
        throw new AssertionError("The node stopped:\n" + Files.readString(log) + "\n" + transcript);
      }
      try {
        HttpResponse<Void> answer =
            http.send(
                HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet (the launcher may be building the node first).
      }
      Thread.sleep(250);
    }
    throw new AssertionError("The node did not answer in time:\n" + Files.readString(log));
  }

  /** Stops the node as Ctrl-C would, and waits for it. */
  @Override
  public void close() throws InterruptedException {
    for (Process process : background) {
      process.toHandle().descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    background.clear();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
