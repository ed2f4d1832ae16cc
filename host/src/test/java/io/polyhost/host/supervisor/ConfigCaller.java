package io.polyhost.host.supervisor;

import io.polyhost.api.runtime.ChildCall;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.service.Configurable;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.ServiceFactory;
import io.polyhost.api.service.Transaction;

/**
 * A service posing as the supervisor: transaction 0 applies the configuration {@code "fake"} to the
 * service whose id is the argument's first byte, through {@code polyhost.Configure}.
 */
public final class ConfigCaller implements Service {
  public static final ServiceFactory FACTORY =
      new ServiceFactory() {
        @Override
        public Class<? extends Service> serviceType() {
          return ConfigCaller.class;
        }

        @Override
        public Service create(InstanceSpec instance) {
          return new ConfigCaller();
        }
      };

  @Transaction(id = 0, name = "configure")
  public void configure(ExecutionContext context, byte[] arguments) {
    context.call(
        ChildCall.of(
                InstanceQuery.id(arguments[0]),
                Configurable.APPLY_METHOD_ID,
                "fake".getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .inInterface(Configurable.INTERFACE_NAME));
  }
}
