package io.polyhost.host.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses requests to a listener bound to a loopback address unless they name a loopback host.
 *
 * <p>{@link SameOriginGuard} cannot stop DNS rebinding: a page of {@code evil.example} whose name
 * is made to resolve to {@code 127.0.0.1} is same-origin with itself, so its browser would read and
 * change the private API freely. Such requests still carry {@code Host: evil.example:8091}. A
 * listener only reachable from this machine therefore answers only requests addressed to {@code
 * localhost} or a loopback IP; programs and the dashboard address it that way anyway. A listener
 * bound to another address is reached by whatever name its operator gives it, and is not checked.
 */
final class LoopbackHostGuard implements Filter {
  private final boolean loopbackListener;

  /** A guard for a listener bound to {@code host} (a name or an IP literal). */
  LoopbackHostGuard(String host) {
    this.loopbackListener = isLoopback(host);
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    Optional<String> host = req.headers().first(HeaderNames.HOST);
    if (!loopbackListener || host.isEmpty() || isLoopback(hostName(host.get()))) {
      chain.proceed();
      return;
    }
    Problems.send(
        res,
        new ApiProblem(
            403,
            "Host refused",
            "This listener is bound to a loopback address and answers requests addressed to"
                + " localhost or 127.0.0.1 only, not to "
                + host.get()
                + " (a guard against DNS rebinding); use http://127.0.0.1:<port>/",
            Map.of()));
  }

  /** The host part of a {@code Host} header: {@code name}, {@code name:port}, {@code [v6]:port}. */
  static String hostName(String header) {
    try {
      String host = URI.create("http://" + header.trim() + "/").getHost();
      return host == null ? "" : host;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** Whether {@code host} is {@code localhost} or a loopback IP literal; never asks DNS. */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    String literal = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    try {
      // A literal only: resolving a name is exactly what a rebinding attack controls.
      return InetAddress.ofLiteral(literal).isLoopbackAddress();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
