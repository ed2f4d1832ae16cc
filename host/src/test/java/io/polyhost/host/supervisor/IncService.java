package io.polyhost.host.supervisor;

import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.service.Configurable;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.ServiceFactory;
import io.polyhost.api.service.Transaction;
import io.polyhost.api.storage.Serializers;
import java.nio.charset.StandardCharsets;

/**
 * The supervisor tests' service: a counter (transaction 0 adds one) with a configuration string
 * that the supervisor can change. Configurations {@code "error"}/{@code "panic"} fail verification
 * with a service error / an unexpected exception; {@code "apply_error"}/{@code "apply_panic"} pass
 * verification and fail when applied. A resume with parameters {@code "no"} is refused.
 */
public final class IncService implements Service, Configurable {
  /** Its factory, for registering as a builtin artifact of the Java runtime. */
  public static final ServiceFactory FACTORY =
      new ServiceFactory() {
        @Override
        public Class<? extends Service> serviceType() {
          return IncService.class;
        }

        @Override
        public Service create(InstanceSpec instance) {
          return new IncService();
        }
      };

  @Override
  public void initialize(ExecutionContext context, byte[] parameters) {
    context.serviceData().entry("config", Serializers.string()).set(text(parameters));
  }

  @Override
  public void resume(ExecutionContext context, byte[] parameters) {
    if (text(parameters).equals("no")) {
      throw ExecutionException.service(7, "This service refuses to resume with 'no'");
    }
  }

  /** Adds one to the counter. */
  @Transaction(id = 0, name = "inc")
  public void inc(ExecutionContext context, byte[] arguments) {
    var counter = context.serviceData().entry("count", Serializers.int64());
    counter.set(counter.get().orElse(0L) + 1);
  }

  @Override
  public void verifyConfiguration(ExecutionContext context, byte[] configuration) {
    check(text(configuration), "");
  }

  @Override
  public void applyConfiguration(ExecutionContext context, byte[] configuration) {
    String config = text(configuration);
    check(config, "apply_");
    context.serviceData().entry("config", Serializers.string()).set(config);
  }

  private static void check(String config, String prefix) {
    if (config.equals(prefix + "error")) {
      throw ExecutionException.service(3, "Configuration '" + config + "' is refused");
    }
    if (config.equals(prefix + "panic")) {
      throw new IllegalStateException("Configuration '" + config + "' makes the service panic");
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
