package io.polyhost.host.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** JSON in and out through one Jackson mapper: snake_case names, as Exonum's API uses. */
final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  private Json() {}

  static byte[] bytes(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  /** Sends {@code value} as a 200 JSON response. */
  static void send(ServerResponse res, Object value) {
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(bytes(value));
  }

  /**
   * Parses a request body.
   *
   * @throws ApiProblem 400 if it is not JSON
   */
  static JsonNode parse(byte[] body) {
    try {
      return MAPPER.readTree(body);
    } catch (tools.jackson.core.JacksonException e) {
      throw ApiProblem.badRequest(
          "The body is not valid JSON ("
              + e.getOriginalMessage()
              + "); send a JSON object such as {\"tx_body\": \"<hex>\"}");
    }
  }
}
