package io.polyhost.storage;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a killed {@link MergeLoop} printed.
 *
 * @param exitCode the exit code its JVM reported
 * @param lines its standard output, line by line
 * @param stderr its standard error
 */
record ChildOutput(int exitCode, List<String> lines, String stderr) {
  ChildOutput {
    lines = List.copyOf(lines);
  }

  static ChildOutput of(ChildJvm.Output output) {
    return new ChildOutput(output.exitCode(), output.lines(), output.stderr());
  }

  /** The patch count it found when it opened the database, if it got that far. */
  OptionalLong opened() {
    return last("opened");
  }

  /** The last patch it started to merge. */
  OptionalLong lastMerging() {
    return last("merging");
  }

  /** The last patch it reported merged. */
  OptionalLong lastMerged() {
    return last("merged");
  }

  /** The last line of each kind, e.g. {@code opened 4, merging 9, merged 8}. */
  String summary() {
    return "opened "
        + show(opened())
        + ", merging "
        + show(lastMerging())
        + ", merged "
        + show(lastMerged());
  }

  private static String show(OptionalLong value) {
    return value.isPresent() ? Long.toString(value.getAsLong()) : "-";
  }

  private OptionalLong last(String verb) {
    String prefix = verb + " ";
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i);
      if (line.startsWith(prefix)) {
        return OptionalLong.of(Long.parseLong(line.substring(prefix.length())));
      }
    }
    return OptionalLong.empty();
  }
}
