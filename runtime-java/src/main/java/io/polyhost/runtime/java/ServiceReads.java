package io.polyhost.runtime.java;

import io.polyhost.api.blockchain.StateProof;
import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.proof.ListProof;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.StateProver;
import io.polyhost.api.service.JsonStrings;
import io.polyhost.api.service.ReadContext;
import io.polyhost.api.storage.IndexAccess;
import java.util.Optional;

/**
 * Runs a service's read endpoint ({@link io.polyhost.api.service.Service#read}) on the latest state
 * and turns its failures into answers: a service error is the client's fault (400), anything else,
 * running out of gas included, the service's (500), the wall clock the node's (503). Errors of the
 * JVM pass, as everywhere.
 */
final class ServiceReads {
  private ServiceReads() {}

  static Optional<EndpointResponse> answer(
      RunningService service,
      BlockchainData data,
      StateProver prover,
      EndpointRequest request,
      GasLimits gas) {
    InstanceSpec instance = service.spec();
    IndexAccess own =
        data.forService(InstanceQuery.id(instance.id()))
            .orElseThrow(
                () -> new IllegalStateException(instance + " is not readable in the latest block"));
    ReadContext context = new Context(instance, own, data, prover);
    try {
      return PluginCalls.get(
          service.artifact().loader(), gas, () -> service.service().read(context, request));
    } catch (ExecutionException e) {
      int status = e.error().kind() == ErrorKind.SERVICE ? 400 : 500;
      return Optional.of(failure(status, e.error().description()));
    } catch (NodeFaultException e) {
      return Optional.of(failure(503, String.valueOf(e.getMessage())));
    } catch (RuntimeException e) {
      return Optional.of(failure(500, PluginCalls.describe(e)));
    }
  }

  private static EndpointResponse failure(int status, String description) {
    return new EndpointResponse(status, "{\"error\":" + JsonStrings.quote(description) + "}");
  }

  private record Context(
      InstanceSpec instance, IndexAccess serviceData, BlockchainData data, StateProver prover)
      implements ReadContext {
    @Override
    public StateProof prove(String indexName, MapProof entries) {
      return prover.prove(fullName(indexName), new StateProof.MapEntries(entries));
    }

    @Override
    public StateProof prove(String indexName, ListProof elements) {
      return prover.prove(fullName(indexName), new StateProof.ListEntries(elements));
    }

    private String fullName(String indexName) {
      return instance.name() + "." + indexName;
    }
  }
}
