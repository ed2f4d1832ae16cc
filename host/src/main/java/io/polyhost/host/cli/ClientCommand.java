package io.polyhost.host.cli;

import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.client.ClientException;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the commands that talk to a running node share: the options, the output streams, and one
 * place that turns failures into a message on stderr and an exit code (1: the node refused, failed
 * or could not be reached, a proof did not verify, a wait timed out; 2: the request was malformed).
 */
abstract class ClientCommand implements Callable<Integer> {
  static final JsonMapper JSON = JsonMapper.builder().build();

  @Mixin ClientOptions options = new ClientOptions();
  @Spec private @Nullable CommandSpec spec;

  /** Does the work; returns the exit code. */
  abstract int run() throws TimeoutException;

  @Override
  public final Integer call() {
    try {
      return run();
    } catch (ClientException
        | ProofVerificationException
        | TimeoutException
        | CommandFailedException e) {
      return fail(1, e);
    } catch (IllegalArgumentException e) {
      return fail(2, e);
    } catch (java.io.UncheckedIOException e) {
      return fail(1, e);
    } finally {
      out().flush();
      err().flush();
    }
  }

  private int fail(int code, Exception e) {
    String prefix = e instanceof ProofVerificationException ? "proof does not verify: " : "";
    err().println("polyhost " + name() + ": " + prefix + e.getMessage());
    return code;
  }

  private String name() {
    return Objects.requireNonNull(spec).name();
  }

  PrintWriter out() {
    return Objects.requireNonNull(spec).commandLine().getOut();
  }

  PrintWriter err() {
    return Objects.requireNonNull(spec).commandLine().getErr();
  }

  /** Prints {@code value} as indented JSON. */
  void printJson(Object value) {
    out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
  }

  /** A line on stderr about a long wait, so the person at the terminal knows it is alive. */
  void progress(String line) {
    err().println(line);
    err().flush();
  }
}
