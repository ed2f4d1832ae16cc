package io.polyhost.host.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses requests that change something on the private listener when a browser sends them from a
 * page of another origin.
 *
 * <p>The dashboard puts a browser in front of the administration API, and a browser will send a
 * simple {@code POST} to {@code 127.0.0.1} from any web page it happens to show (cross-site request
 * forgery). Browsers name the page's origin in {@code Origin} on every such request, so a request
 * whose origin is not this listener's own is refused; the dashboard's requests are same-origin, and
 * programs such as the CLI or {@code curl} send no {@code Origin} and are not affected.
 */
final class SameOriginGuard implements Filter {
  private static final Set<Method> SAFE = Set.of(Method.GET, Method.HEAD, Method.OPTIONS);

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
    if (SAFE.contains(req.prologue().method())
        || origin.isEmpty()
        || sameOrigin(origin.get(), req.headers().first(HeaderNames.HOST))) {
      chain.proceed();
      return;
    }
    Problems.send(
        res,
        new ApiProblem(
            403,
            "Cross-origin request refused",
            "The private API takes changes from its own dashboard ("
                + Dashboard.PATH
                + ") or from programs, not from a page of "
                + origin.get(),
            Map.of()));
  }

  private static boolean sameOrigin(String origin, Optional<String> host) {
    if (host.isEmpty()) {
      return false;
    }
    // "null" (a sandboxed or file: page) and anything unparsable are not this listener.
    try {
      URI uri = URI.create(origin);
      return "http".equals(uri.getScheme())
          && uri.getRawAuthority() != null
          && uri.getRawAuthority().equalsIgnoreCase(host.get());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
