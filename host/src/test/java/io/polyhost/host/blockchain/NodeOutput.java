package io.polyhost.host.blockchain;

import io.polyhost.storage.ChildJvm;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a killed {@link BankNode} printed.
 *
 * @param exitCode the exit code of its JVM
 * @param lines its standard output, line by line
 * @param stderr its standard error
 */
record NodeOutput(int exitCode, List<String> lines, String stderr) {
  NodeOutput {
    lines = List.copyOf(lines);
  }

  static NodeOutput of(ChildJvm.Output output) {
    return new NodeOutput(output.exitCode(), output.lines(), output.stderr());
  }

  /** The height at which it found the chain on opening, if it got that far. */
  OptionalLong opened() {
    return last("opened");
  }

  /** The last block it started to commit. */
  OptionalLong lastCommitting() {
    return last("committing");
  }

  /** The last block it reported committed. */
  OptionalLong lastCommitted() {
    return last("committed");
  }

  /** E.g. {@code opened 4, committing 9, committed 8}. */
  String summary() {
    return "opened "
        + show(opened())
        + ", committing "
        + show(lastCommitting())
        + ", committed "
        + show(lastCommitted());
  }

  private static String show(OptionalLong value) {
    return value.isPresent() ? Long.toString(value.getAsLong()) : "-";
  }

  private OptionalLong last(String verb) {
    String prefix = verb + " ";
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith(prefix)) {
        return OptionalLong.of(Long.parseLong(lines.get(i).substring(prefix.length())));
      }
    }
    return OptionalLong.empty();
  }
}
