package org.example.polyhost.counter;

import com.google.protobuf.Timestamp;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.service.JsonStrings;
import io.polyhost.api.service.ReadContext;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.Transaction;
import io.polyhost.api.storage.ProofMapIndex;
import java.time.Instant;
import java.util.Optional;
import org.example.polyhost.counter.proto.Counter;
import org.example.polyhost.counter.proto.Increment;
import org.example.polyhost.counter.proto.Reset;

/**
 * Named counters, version 2.0.0: {@code increment} adds one, {@code reset} sets a counter back to
 * zero, {@code counter?name=...} reads a counter with its proof. Each counter is a {@link Counter}
 * record that also holds the time of the block that last changed it.
 */
public final class CounterService implements Service {
  /** The id of {@code increment}, as in 1.0.0: ids never change. */
  public static final int INCREMENT_ID = 0;

  /** The id of {@code reset}, new in 2.0.0. */
  public static final int RESET_ID = 1;

  /** The longest counter name, in characters. */
  public static final int MAX_NAME_LENGTH = 64;

  /** Called by {@link CounterFactory}. */
  public CounterService() {}

  /** Adds one to the counter {@code arguments.name}. */
  @Transaction(id = INCREMENT_ID, name = "increment")
  public void increment(ExecutionContext context, Increment arguments) {
    String name = requireName(arguments.getName());
    ProofMapIndex<String, Counter> counters = CounterSchema.counters(context.serviceData());
    long value = counters.get(name).map(Counter::getValue).orElse(0L);
    counters.put(name, counter(value + 1, context));
  }

  /** Sets the existing counter {@code arguments.name} to zero. */
  @Transaction(id = RESET_ID, name = "reset")
  public void reset(ExecutionContext context, Reset arguments) {
    String name = requireName(arguments.getName());
    ProofMapIndex<String, Counter> counters = CounterSchema.counters(context.serviceData());
    if (!counters.containsKey(name)) {
      throw CounterError.UNKNOWN_COUNTER.exception(
          "There is no counter named " + JsonStrings.quote(name) + " to reset");
    }
    counters.put(name, counter(0, context));
  }

  /**
   * {@code GET counter?name=...}: the value (0 if the counter does not exist), when it last changed
   * ({@code null} if unknown) and the proof.
   */
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
    ProofMapIndex<String, Counter> counters = CounterSchema.counters(context.serviceData());
    String proof = context.prove(CounterSchema.COUNTERS, counters.proof(name)).toHex();
    Counter counter = counters.get(name).orElse(Counter.getDefaultInstance());
    String updated =
        counter.hasUpdatedAt()
            ? "\""
                + Instant.ofEpochSecond(
                    counter.getUpdatedAt().getSeconds(), counter.getUpdatedAt().getNanos())
                + "\""
            : "null";
    return Optional.of(
        EndpointResponse.ok(
            "{\"name\":"
                + JsonStrings.quote(name)
                + ",\"value\":"
                + counter.getValue()
                + ",\"updated_at\":"
                + updated
                + ",\"proof\":\""
                + proof
                + "\"}"));
  }

  private static Counter counter(long value, ExecutionContext context) {
    Instant now = context.blockTime();
    return Counter.newBuilder()
        .setValue(value)
        .setUpdatedAt(
            Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .build();
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
