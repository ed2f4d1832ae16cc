package io.polyhost.host.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * {@code GET /api/openapi.json} on both listeners: the OpenAPI 3.1 description of the node's API,
 * kept beside this class as a resource. Each operation says which listener serves it ({@code
 * x-listener}); a test checks every documented operation against the running server.
 */
final class OpenApiDocument {
  static final String PATH = "/api/openapi.json";
  private static final String RESOURCE = "openapi.json";

  private final byte[] document;

  OpenApiDocument() {
    try (InputStream in =
        Objects.requireNonNull(
            OpenApiDocument.class.getResourceAsStream(RESOURCE), "missing " + RESOURCE)) {
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the OpenAPI document", e);
    }
  }

  void register(HttpRouting.Builder routing) {
    routing.get(
        PATH,
        (req, res) -> {
          res.header(HeaderNames.CONTENT_TYPE, "application/json");
          res.send(document);
        });
  }
}
