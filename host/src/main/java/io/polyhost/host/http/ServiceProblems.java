package io.polyhost.host.http;

import io.polyhost.api.runtime.EndpointResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Turns a service endpoint's non-2xx answer into a problem document: the service's status, its
 * message as the detail when it gives one, and its whole JSON answer as the {@code
 * service_response} member, so clients see one error format whoever answered.
 */
final class ServiceProblems {
  private ServiceProblems() {}

  static ApiProblem of(String service, String path, EndpointResponse answer) {
    Optional<JsonNode> body = parse(answer.json());
    String detail =
        body.flatMap(ServiceProblems::message)
            .orElse(
                "Service '"
                    + service
                    + "' answered "
                    + answer.status()
                    + " at its endpoint '"
                    + path
                    + "'");
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("service", service);
    extensions.put("service_response", body.<Object>map(b -> b).orElse(answer.json()));
    return new ApiProblem(answer.status(), title(answer.status()), detail, extensions);
  }

  private static Optional<JsonNode> parse(String json) {
    try {
      return Optional.of(Json.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (ApiProblem notJson) {
      return Optional.empty();
    }
  }

  /** A string member a service is likely to explain itself in. */
  private static Optional<String> message(JsonNode body) {
    for (String name : new String[] {"detail", "message", "error", "description"}) {
      JsonNode value = body.get(name);
      if (value != null && value.isString() && !value.asString().isBlank()) {
        return Optional.of(value.asString());
      }
    }
    return Optional.empty();
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 409 -> "Conflict";
      default -> status < 500 ? "Request refused by the service" : "Service failure";
    };
  }
}
