package io.polyhost.host.config;

import java.util.List;

/**
 * A node configuration that cannot be used, with every problem found (not just the first), each
 * naming the setting and saying what to write instead.
 */
public final class InvalidConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /**
   * @param source where the settings came from, e.g. {@code the node configuration node.toml}
   * @param problems what is wrong; at least one
   */
  InvalidConfigException(String source, List<String> problems) {
    super(message(source, problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, one sentence apiece. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String source, List<String> problems) {
    StringBuilder text = new StringBuilder(source);
    text.append(
        problems.size() == 1 ? " has a problem:" : " has " + problems.size() + " problems:");
    problems.forEach(p -> text.append("\n  - ").append(p));
    return text.toString();
  }

  /** Throws if {@code problems} is not empty. */
  static void throwIfAny(String source, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(source, problems);
    }
  }
}
