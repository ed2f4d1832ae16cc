package io.polyhost.api.runtime;

import java.util.Objects;

/**
 * What a service's read endpoint answers: an HTTP status and a JSON body. A service reports a bad
 * request with a 4xx status and a JSON body that says what to fix; the node wraps non-2xx answers
 * in its usual problem format.
 *
 * @param status the HTTP status, 200–599
 * @param json the body, a complete JSON document
 */
public record EndpointResponse(int status, String json) {
  /** Checks the parts. */
  public EndpointResponse {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("An HTTP status is 200..599, not " + status);
    }
    Objects.requireNonNull(json, "json");
  }

  /** A 200 answer with {@code json}. */
  public static EndpointResponse ok(String json) {
    return new EndpointResponse(200, json);
  }
}
