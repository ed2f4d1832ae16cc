package io.polyhost.host.http;

import java.util.Map;

/**
 * A request the API refuses: the HTTP status, a short title for the kind of problem and a detail
 * that says what is wrong and what to fix. Handlers throw it; {@link Problems} writes it.
 */
final class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final transient Map<String, Object> extensions;

  ApiProblem(int status, String title, String detail, Map<String, Object> extensions) {
    super(detail);
    this.status = status;
    this.title = title;
    this.extensions = Map.copyOf(extensions);
  }

  static ApiProblem badRequest(String detail) {
    return new ApiProblem(400, "Bad request", detail, Map.of());
  }

  static ApiProblem notFound(String detail) {
    return new ApiProblem(404, "Not found", detail, Map.of());
  }

  static ApiProblem tooLarge(String detail) {
    return new ApiProblem(413, "Request too large", detail, Map.of());
  }

  static ApiProblem unavailable(String detail) {
    return new ApiProblem(503, "Service unavailable", detail, Map.of());
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }

  String detail() {
    String message = getMessage();
    return message == null ? title : message;
  }

  /** Extra members of the problem document, e.g. the {@code tx_hash} a conflict is about. */
  Map<String, Object> extensions() {
    return extensions;
  }
}
