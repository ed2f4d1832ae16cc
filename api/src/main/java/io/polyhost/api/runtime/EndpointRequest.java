package io.polyhost.api.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A read request to one of a service's HTTP endpoints, as the node received it under {@code
 * /api/services/{instance name}/}. Read endpoints never change state; they answer from the latest
 * committed block.
 *
 * @param scope the listener the request came to: public, or the node's private (admin) one
 * @param path the rest of the path after the instance name, without a leading slash (for {@code
 *     /api/services/wallet/balance} it is {@code balance})
 * @param query the query parameters, each name with its values in request order
 */
public record EndpointRequest(Scope scope, String path, Map<String, List<String>> query) {
  /** Which listener an endpoint is served on. */
  public enum Scope {
    /** The public API: anyone may call it. */
    PUBLIC,
    /** The private (admin) API of the node. */
    PRIVATE
  }

  /** Checks and copies the parts. */
  public EndpointRequest {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(path, "path");
    query = Map.copyOf(query);
    query.values().forEach(Objects::requireNonNull);
  }

  /** The first value of query parameter {@code name}, if present. */
  public java.util.Optional<String> parameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(values.getFirst());
  }
}
