package org.example.polyhost.counter;

import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.service.JsonStrings;
import io.polyhost.api.service.ReadContext;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.Transaction;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializers;
import java.util.Optional;
import org.example.polyhost.counter.proto.Increment;

/**
 * Named counters, version 1.0.0: {@code increment} adds one, {@code counter?name=...} reads a value
 * with its proof. Values are stored as bare numbers in the proof map {@value #COUNTERS}.
 */
public final class CounterService implements Service {
  /** The id of {@code increment}; version 2.0.0 keeps it, so clients need not change. */
  public static final int INCREMENT_ID = 0;

  /** The proof map of counters: name to value. */
  public static final String COUNTERS = "counters";

  /** The longest counter name, in characters. */
  public static final int MAX_NAME_LENGTH = 64;

  /** Called by {@link CounterFactory}. */
  public CounterService() {}

  /** Adds one to the counter {@code arguments.name}. */
  @Transaction(id = INCREMENT_ID, name = "increment")
  public void increment(ExecutionContext context, Increment arguments) {
    String name = requireName(arguments.getName());
    ProofMapIndex<String, Long> counters = counters(context.serviceData());
    counters.put(name, counters.get(name).orElse(0L) + 1);
  }

  /** {@code GET counter?name=...}: the value (0 if the counter does not exist) and its proof. */
  @Override
  public Optional<EndpointResponse> read(ReadContext context, EndpointRequest request) {
    if (request.scope() != EndpointRequest.Scope.PUBLIC || !request.path().equals("counter")) {
      return Optional.empty();
    }
    String name =
        requireName(
            request
                .parameter("name")
                .orElseThrow(() ->
                    CounterError.INVALID_NAME.exception("Name the counter: counter?name=...")));
    ProofMapIndex<String, Long> counters = counters(context.serviceData());
    String proof = context.prove(COUNTERS, counters.proof(name)).toHex();
    return Optional.of(
        EndpointResponse.ok(
            "{\"name\":"
                + JsonStrings.quote(name)
                + ",\"value\":"
                + counters.get(name).orElse(0L)
                + ",\"proof\":\""
                + proof
                + "\"}"));
  }

  /** The counters, writable if {@code data} is. */
  static ProofMapIndex<String, Long> counters(IndexAccess data) {
    return data.proofMap(COUNTERS, Serializers.string(), Serializers.int64());
  }

  private static String requireName(String name) {
    int length = name.codePointCount(0, name.length());
    if (length == 0 || length > MAX_NAME_LENGTH) {
      throw CounterError.INVALID_NAME.exception(
          "A counter name has 1 to " + MAX_NAME_LENGTH + " characters, got " + length);
    }
    return name;
  }
}
