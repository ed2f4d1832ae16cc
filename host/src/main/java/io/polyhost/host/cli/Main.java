package io.polyhost.host.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** The entry point of {@code ./polyhost}: runs the command line and exits with its code. */
public final class Main {
  private Main() {}

  /** Runs {@code args} as a {@code polyhost} command line. */
  public static void main(String[] args) {
    // Helidon logs through java.util.logging; send it to the same log as everything else.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    int code = PolyhostCommand.commandLine(node -> {}).execute(args);
    System.exit(code);
  }
}
