package io.polyhost.host.http;

import io.helidon.webserver.http.HttpRouting;

/**
 * Routes another part of the node adds to its HTTP API, such as the supervisor's {@code
 * /api/services/supervisor/...} endpoints.
 *
 * <p>{@link ApiServer#start(io.polyhost.host.node.Node, ApiServer.Settings, java.util.List)}
 * registers every set after the node's own explorer and system routes but <em>before</em> the
 * generic service route {@code /api/services/{name}/...}. Helidon tries routes in the order they
 * were registered and the first match answers, so a specific route registered here wins over the
 * generic one for the same path; the generic route is only the fallback. Errors thrown by these
 * handlers are written as problem documents like every other error.
 */
public interface ApiRoutes {
  /** Adds routes to the public listener; none by default. */
  default void registerPublic(HttpRouting.Builder routing) {}

  /** Adds routes to the private (administration) listener; none by default. */
  default void registerPrivate(HttpRouting.Builder routing) {}
}
