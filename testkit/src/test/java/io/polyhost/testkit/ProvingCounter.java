package io.polyhost.testkit;

import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.service.ReadContext;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.ServiceFactory;
import io.polyhost.api.service.Transaction;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializers;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A class-path service for the kit's own tests: {@code count} (id 0) adds one to the author's
 * counter, which lives in a proof map keyed by the author's name bytes; {@code fail} (id 1) always
 * fails with code 7; {@code count?who=NAME} answers the counter with its state proof.
 */
public final class ProvingCounter implements Service {
  static final ServiceFactory FACTORY =
      new ServiceFactory() {
        @Override
        public Class<? extends Service> serviceType() {
          return ProvingCounter.class;
        }

        @Override
        public Service create(InstanceSpec instance) {
          return new ProvingCounter();
        }
      };

  private static ProofMapIndex<String, Long> counts(io.polyhost.api.storage.IndexAccess data) {
    return data.proofMap("counts", Serializers.string(), Serializers.int64());
  }

  /** Adds one to the counter named by the arguments (UTF-8); records the block time too. */
  @Transaction(id = 0, name = "count")
  public void count(ExecutionContext context, byte[] arguments) {
    String who = new String(arguments, StandardCharsets.UTF_8);
    var counts = counts(context.serviceData());
    counts.put(who, counts.get(who).orElse(0L) + 1);
    context
        .serviceData()
        .entry("last-time", Serializers.int64())
        .set(context.blockTime().getEpochSecond());
  }

  /** Always fails. */
  @Transaction(id = 1, name = "fail")
  public void fail(ExecutionContext context, byte[] arguments) {
    throw io.polyhost.api.error.ExecutionException.service(7, "asked to fail");
  }

  @Override
  public Optional<EndpointResponse> read(ReadContext context, EndpointRequest request) {
    if (!request.path().equals("count")) {
      return Optional.empty();
    }
    String who = request.parameter("who").orElse("");
    var counts = counts(context.serviceData());
    String proof = context.prove("counts", counts.proof(who)).toHex();
    return Optional.of(
        EndpointResponse.ok(
            "{\"count\":" + counts.get(who).orElse(0L) + ",\"proof\":\"" + proof + "\"}"));
  }
}
