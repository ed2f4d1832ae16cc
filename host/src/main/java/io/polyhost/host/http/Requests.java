package io.polyhost.host.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.polyhost.api.crypto.Hash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Reads query parameters and bodies, refusing bad ones with a detail that says what to fix. */
final class Requests {
  private Requests() {}

  /**
   * The query parameter {@code name} as a hash of 64 hex digits.
   *
   * @throws ApiProblem 400 if it is missing or not a hash
   */
  static Hash hash(ServerRequest req, String name) {
    String text =
        req.query()
            .first(name)
            .orElseThrow(() ->
                ApiProblem.badRequest(
                    "The query parameter '" + name + "' is missing; give a hash as 64 hex digits"));
    try {
      return Hash.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(
          "The query parameter '" + name + "' is not a hash: " + e.getMessage());
    }
  }

  /**
   * The query parameter {@code name} as a number from 0 up, if present.
   *
   * @throws ApiProblem 400 if it is present but not such a number
   */
  static Optional<Long> count(ServerRequest req, String name) {
    Optional<String> text = req.query().first(name).asOptional();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      long value = Long.parseLong(text.get());
      if (value >= 0) {
        return Optional.of(value);
      }
    } catch (NumberFormatException e) {
      // Answered below, with the same message as a negative number.
    }
    throw ApiProblem.badRequest(
        "The query parameter '"
            + name
            + "' must be a whole number from 0 up, got '"
            + text.get()
            + "'");
  }

  /**
   * The request body, at most {@code limit} bytes.
   *
   * @throws ApiProblem 413 if it is longer
   */
  static byte[] body(ServerRequest req, int limit) {
    Optional<Long> declared =
        req.headers().contentLength().isPresent()
            ? Optional.of(req.headers().contentLength().getAsLong())
            : Optional.empty();
    if (declared.isPresent() && declared.get() > limit) {
      throw tooLarge(limit);
    }
    try (InputStream in = req.content().inputStream()) {
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        throw tooLarge(limit);
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the request declares a JSON body; a missing content type is taken as JSON. */
  static boolean isJson(ServerRequest req) {
    return req.headers()
        .first(HeaderNames.CONTENT_TYPE)
        .map(type -> type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json"))
        .orElse(true);
  }

  private static ApiProblem tooLarge(int limit) {
    return ApiProblem.tooLarge(
        "The body is longer than " + limit + " bytes, the most this endpoint takes");
  }
}
