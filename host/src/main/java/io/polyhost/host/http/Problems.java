package io.polyhost.host.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every error as an RFC 9457 problem document: the one place where failures become HTTP
 * responses. An {@link ApiProblem} keeps its status; anything else is a bug, logged here and
 * answered with 500 without internals.
 */
final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  private static final String MEDIA_TYPE = "application/problem+json";

  private Problems() {}

  /** Installs the error handlers and a fallback that answers unknown paths with 404. */
  static void install(HttpRouting.Builder routing) {
    routing.error(ApiProblem.class, (req, res, problem) -> send(res, problem));
    routing.error(
        Exception.class,
        (req, res, e) -> {
          LOG.error("Unexpected failure of {} {}", req.prologue().method(), req.path(), e);
          send(
              res,
              new ApiProblem(
                  500,
                  "Internal server error",
                  "The node failed to answer; its log has the details",
                  Map.of()));
        });
  }

  /** A handler for requests no route matched; register it last. */
  static void fallback(ServerRequest req, ServerResponse res) {
    throw ApiProblem.notFound(
        "No endpoint "
            + req.prologue().method().text()
            + " "
            + req.path().path()
            + " on this listener; the explorer is under /api/explorer/v1/ (public port; its reads"
            + " also on the private port), the system endpoints under /api/system/v1/ (private"
            + " port), service endpoints under /api/services/{name}/ (both), the dashboard at"
            + " /dashboard/ (private port)");
  }

  /** Answers with {@code problem}; for handlers that set headers of their own first. */
  static void send(ServerResponse res, ApiProblem problem) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", problem.title());
    body.put("status", problem.status());
    body.put("detail", problem.detail());
    body.putAll(problem.extensions());
    res.status(Status.create(problem.status()));
    res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
    if (problem.status() == 503) {
      res.header(HeaderNames.RETRY_AFTER, "1");
    }
    res.send(Json.bytes(body));
  }
}
