package io.polyhost.host.config;

import java.util.Objects;

/**
 * A host and port to listen on; port 0 lets the system pick a free one (tests).
 *
 * @param host the interface's name or address, e.g. {@code 127.0.0.1}
 * @param port 0 to 65535
 */
public record ListenAddress(String host, int port) {
  /** The loopback interface only: reachable from this machine, not from the network. */
  public static final String LOOPBACK = "127.0.0.1";

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if the host is blank or the port is outside 0–65535
   */
  public ListenAddress {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("A listen address needs a host, e.g. " + LOOPBACK);
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "Port " + port + " is out of range; use 1 to 65535, or 0 for any free port");
    }
  }

  /** {@code port} on the loopback interface. */
  public static ListenAddress loopback(int port) {
    return new ListenAddress(LOOPBACK, port);
  }

  /** This address with another port. */
  public ListenAddress withPort(int newPort) {
    return new ListenAddress(host, newPort);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
