package io.polyhost.host.cli;

/** The entry point of {@code ./polyhost}: runs the command line and exits with its code. */
public final class Main {
  private Main() {}

  /** Runs {@code args} as a {@code polyhost} command line. */
  public static void main(String[] args) {
    int code = PolyhostCommand.commandLine(node -> {}).execute(args);
    System.exit(code);
  }
}
