package io.polyhost.runtime.js;

import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.RuntimeEnvironment;
import io.polyhost.api.runtime.StateProver;
import io.polyhost.api.service.JsonStrings;
import io.polyhost.api.storage.IndexAccess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers GETs on the read endpoints JavaScript services declare ({@code service.endpoints}), on
 * the latest committed state, in contexts of the instance's {@link EndpointPool}, under the same
 * gas and watchdog as calls, with the node's prover for that state so that an endpoint can prove
 * its answer ({@link EndpointProofs}). Node-local: nothing here reaches consensus, so every failure
 * becomes an HTTP answer with a JSON body {@code {"detail": ...}} that says what went wrong.
 *
 * <p>Statuses: what the endpoint returns is 200; an {@code EndpointError} has its own status; an
 * {@code ExecutionError} is 400 with its {@code code}; any other exception, running out of gas or
 * an answer too large is 500; the watchdog, busy contexts, unreadable data or a state the node
 * cannot prove are 503.
 */
final class EndpointCalls {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointCalls.class);

  /** The largest JSON answer, in characters. */
  static final int MAX_ANSWER_CHARS = 4 * 1024 * 1024;

  /** How long a request waits for a context when all of the instance's are busy. */
  private static final Duration PATIENCE = Duration.ofSeconds(5);

  private final Watchdog watchdog;
  private final JsLimits limits;

  EndpointCalls(Watchdog watchdog, JsLimits limits) {
    this.watchdog = watchdog;
    this.limits = limits;
  }

  /** What one request got, and whether the context may serve another. */
  private record Outcome(EndpointResponse response, boolean reusable) {}

  /** The answer of {@code instance}'s endpoint at {@code request.path()}, if it has one. */
  Optional<EndpointResponse> handle(
      JsInstance instance, EndpointRequest request, RuntimeEnvironment environment) {
    if (!instance.artifact().hasEndpoint(request.scope(), request.path())) {
      return Optional.empty();
    }
    Optional<Guest> borrowed;
    try {
      borrowed = instance.endpointPool().borrow(PATIENCE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(problem(503, "Interrupted while waiting for a context"));
    }
    if (borrowed.isEmpty()) {
      return Optional.of(
          problem(
              503,
              "All "
                  + EndpointPool.MAX_CONTEXTS
                  + " contexts of "
                  + instance.spec().name()
                  + " are busy; try again"));
    }
    Guest guest = borrowed.get();
    Outcome outcome = new Outcome(problem(503, "No answer"), false);
    try {
      outcome =
          environment.readLatestProven(
              (data, prover) -> answer(instance.spec(), request, guest, data, prover));
    } catch (IllegalStateException e) {
      outcome = new Outcome(problem(503, String.valueOf(e.getMessage())), true);
    } finally {
      instance.endpointPool().release(guest, outcome.reusable());
    }
    return Optional.of(outcome.response());
  }

  private Outcome answer(
      InstanceSpec spec,
      EndpointRequest request,
      Guest guest,
      io.polyhost.api.runtime.BlockchainData data,
      StateProver prover) {
    Optional<IndexAccess> serviceData = data.forService(InstanceQuery.id(spec.id()));
    if (serviceData.isEmpty()) {
      return new Outcome(problem(503, "The data of " + spec.name() + " is not readable"), true);
    }
    String where = spec.name() + " endpoint " + scope(request) + " '" + request.path() + "'";
    CallSession session =
        CallSession.endpoint(spec, data.height(), serviceData.get(), request, prover);
    long now = System.currentTimeMillis(); // node-local: endpoints may see the real time
    guest.prepare(now, where.getBytes(StandardCharsets.UTF_8));
    guest.slot.set(session);
    RuntimeException failure = null;
    String json = "null";
    try (Watchdog.Armed armed = watchdog.arm(guest)) {
      try {
        Value answer = guest.invoke("endpoint", request.path(), "", "json");
        json = answer.asString();
      } catch (PolyglotException e) {
        failure = CallFailures.of(e, guest, session, armed.hasFired(), where, limits);
      }
      if (failure == null && armed.hasFired()) {
        failure = new NodeFaultException(where + " was cancelled by the watchdog as it returned");
      }
    } finally {
      guest.slot.set(null);
    }
    if (session.fault().isPresent()) {
      failure = session.fault().get();
    }
    if (failure != null) {
      return new Outcome(response(where, failure), !CallFailures.killsGuest(failure));
    }
    if (json.length() > MAX_ANSWER_CHARS) {
      return new Outcome(
          problem(500, where + " answered " + json.length() + " characters, more than allowed"),
          true);
    }
    return new Outcome(EndpointResponse.ok(json), true);
  }

  private static EndpointResponse response(String where, RuntimeException failure) {
    return switch (failure) {
      case EndpointFailure f -> problem(f.status(), String.valueOf(f.getMessage()));
      case ExecutionException e when e.error().kind() == ErrorKind.SERVICE ->
          new EndpointResponse(
              400,
              "{\"detail\":"
                  + JsonStrings.quote(e.error().description())
                  + ",\"code\":"
                  + e.error().code()
                  + "}");
      case ExecutionException e -> problem(500, e.error().description());
      default -> {
        LOG.warn("{} failed on this node: {}", where, failure.toString());
        yield problem(503, where + " failed on this node: " + failure.getMessage());
      }
    };
  }

  private static String scope(EndpointRequest request) {
    return request.scope() == EndpointRequest.Scope.PUBLIC ? "public" : "private";
  }

  static EndpointResponse problem(int status, String detail) {
    return new EndpointResponse(status, "{\"detail\":" + JsonStrings.quote(detail) + "}");
  }
}
