package io.polyhost.host.dispatcher;

import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.storage.Serializers;
import io.polyhost.host.testing.Counter;
import io.polyhost.host.testing.TestService;
import java.nio.charset.StandardCharsets;

/**
 * A service whose constructor needs another service: its parameters name that service, whose data
 * must be readable, and whose count it copies.
 */
final class DependentService implements TestService {
  /** The service error of a missing dependency. */
  static final int MISSING_DEPENDENCY = 1;

  @Override
  public void initialize(ExecutionContext context, byte[] parameters) {
    String dependency = new String(parameters, StandardCharsets.UTF_8);
    var data =
        context
            .data()
            .forService(InstanceQuery.name(dependency))
            .orElseThrow(() ->
                ExecutionException.service(
                    MISSING_DEPENDENCY, "needs service '" + dependency + "' to be readable"));
    long count = Counter.count(data).get().orElse(0L);
    context.serviceData().entry("copied", Serializers.int64()).set(count);
  }
}
