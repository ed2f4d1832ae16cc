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
   * The query parameter {@code name} as a flag: {@code true} or {@code false}; absent is false.
   *
   * @throws ApiProblem 400 if it is something else
   */
  static boolean flag(ServerRequest req, String name) {
    Optional<String> text = req.query().first(name).asOptional();
    if (text.isEmpty() || text.get().equals("false")) {
      return false;
    }
    if (text.get().equals("true")) {
      return true;
    }
    throw ApiProblem.badRequest(
        "The query parameter '" + name + "' must be true or false, got '" + text.get() + "'");
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

  /** How a request body is encoded. */
  enum Encoding {
    /** {@code application/json}, or no content type. */
    JSON,
    /** {@code application/octet-stream} (or {@code application/x-protobuf}): protobuf bytes. */
    PROTOBUF
  }

  /**
   * The encoding the request declares; a missing content type is taken as JSON.
   *
   * @throws ApiProblem 415 for any other content type
   */
  static Encoding encoding(ServerRequest req) {
    Optional<String> type =
        req.headers()
            .first(HeaderNames.CONTENT_TYPE)
            .map(t -> t.toLowerCase(java.util.Locale.ROOT).strip());
    if (type.isEmpty() || type.get().startsWith("application/json")) {
      return Encoding.JSON;
    }
    if (type.get().startsWith("application/octet-stream")
        || type.get().startsWith("application/x-protobuf")
        || type.get().startsWith("application/protobuf")) {
      return Encoding.PROTOBUF;
    }
    throw new ApiProblem(
        415,
        "Unsupported media type",
        "Content-Type "
            + type.get()
            + " is not accepted; send application/json or application/octet-stream (protobuf)",
        java.util.Map.of());
  }

  private static ApiProblem tooLarge(int limit) {
    return ApiProblem.tooLarge(
        "The body is longer than " + limit + " bytes, the most this endpoint takes");
  }
}
