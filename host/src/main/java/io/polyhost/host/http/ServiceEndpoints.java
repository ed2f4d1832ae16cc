package io.polyhost.host.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.host.blockchain.Blockchain;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic service route {@code GET /api/services/{name}/{path}}: finds the instance by name in
 * the latest committed block and lets its runtime answer ({@link Runtime#handleEndpoint}). {@code
 * GET /api/services/{name}/interface} is the node's own: the artifact's published interface; so is
 * {@code GET /api/services/{name}/state-proof} ({@link StateProofs}).
 *
 * <p>Registered after every specific route, so those win (see {@link ApiRoutes}). Only GET is
 * served: service endpoints read, and state changes only through transactions.
 */
final class ServiceEndpoints {
  static final String PREFIX = "/api/services/";

  /** The path under an instance that the node answers itself with the artifact's interface. */
  static final String INTERFACE = "interface";

  private static final Logger LOG = LoggerFactory.getLogger(ServiceEndpoints.class);

  private final Blockchain chain;

  ServiceEndpoints(Blockchain chain) {
    this.chain = chain;
  }

  void register(HttpRouting.Builder routing, EndpointRequest.Scope scope) {
    routing.get(PREFIX + "*", (req, res) -> serve(scope, req, res));
    routing.route(
        method -> method != Method.GET,
        PathMatchers.create(PREFIX + "*"),
        ServiceEndpoints::readOnly);
  }

  private void serve(EndpointRequest.Scope scope, ServerRequest req, ServerResponse res) {
    String rest = req.path().path().substring(PREFIX.length());
    int slash = rest.indexOf('/');
    String name = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash + 1);
    InstanceSpec spec = readable(name);
    Runtime runtime =
        chain
            .dispatcher()
            .runtime(spec.artifact().runtimeId())
            .orElseThrow(
                () -> new IllegalStateException("No runtime " + spec.artifact().runtimeId()));
    if (path.equals(INTERFACE)) {
      ServiceInterfaces.send(res, spec, runtime);
      return;
    }
    if (path.equals(StateProofs.PATH)) {
      Json.send(res, StateProofs.prove(chain, spec, req));
      return;
    }
    EndpointRequest request = new EndpointRequest(scope, path, req.query().toMap());
    EndpointResponse answer = call(runtime, spec, request);
    if (answer.status() >= 300) {
      throw ServiceProblems.of(spec.name(), path, answer);
    }
    res.status(Status.create(answer.status()));
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(answer.json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The instance named {@code name}, if its committed status lets its endpoints be served. */
  private InstanceSpec readable(String name) {
    if (name.isEmpty()) {
      throw ApiProblem.notFound(
          "No service name in the path; service endpoints are at " + PREFIX + "{name}/{endpoint}");
    }
    Optional<InstanceState> state =
        chain.readState(data -> data.instance(InstanceQuery.name(name)));
    Optional<InstanceStatus> status = state.flatMap(InstanceState::status);
    if (status.isEmpty()) {
      throw ApiProblem.notFound(
          "No service named '"
              + name
              + "' in the latest block; check the name (it is case-sensitive)");
    }
    if (!status.get().providesReadAccess()) {
      throw new ApiProblem(
          409,
          "Service not readable",
          "Service '"
              + name
              + "' is "
              + status.get().label()
              + ": its endpoints are served while it is active, frozen or migrating; resume it"
              + " first",
          Map.of("service", name, "service_status", status.get().label()));
    }
    return state.get().spec();
  }

  private static EndpointResponse call(
      Runtime runtime, InstanceSpec spec, EndpointRequest request) {
    Optional<EndpointResponse> answer;
    try {
      answer = runtime.handleEndpoint(spec, request);
    } catch (RuntimeException e) {
      LOG.error("Endpoint '{}' of service {} failed", request.path(), spec, e);
      throw new ApiProblem(
          500,
          "Service endpoint failed",
          "Service '"
              + spec.name()
              + "' failed to answer its endpoint '"
              + request.path()
              + "'; the node's log has the details",
          Map.of("service", spec.name()));
    }
    return answer.orElseThrow(() ->
        ApiProblem.notFound(
            "Service '"
                + spec.name()
                + "' has no endpoint '"
                + request.path()
                + "' on the "
                + request.scope().name().toLowerCase(java.util.Locale.ROOT)
                + " listener; its interface is at "
                + PREFIX
                + spec.name()
                + "/"
                + INTERFACE));
  }

  private static void readOnly(ServerRequest req, ServerResponse res) {
    res.header(HeaderNames.ALLOW, "GET");
    Problems.send(
        res,
        new ApiProblem(
            405,
            "Method not allowed",
            "Service endpoints only read (GET); change state by submitting a transaction to POST"
                + " /api/explorer/v1/transactions",
            Map.of()));
  }
}
