package io.polyhost.host.dispatcher;

import io.polyhost.api.error.CommonError;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.storage.Entry;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.Serializers;
import io.polyhost.host.testing.TestService;

/**
 * A service with two interfaces, the way a runtime dispatches them. Default interface: method 0
 * records the call, method 1 was removed, others do not exist. {@code polyhost.Configure}: method 0
 * records the call. Any other interface does not exist.
 */
final class ConfigurableService implements TestService {
  static Entry<String> lastCall(IndexAccess data) {
    return data.entry("last_call", Serializers.string());
  }

  @Override
  public void execute(ExecutionContext context, int methodId, byte[] arguments) {
    switch (context.interfaceName()) {
      case "" -> {
        switch (methodId) {
          case 0 -> record(context);
          case 1 -> throw CommonError.METHOD_REMOVED.exception("Method 1 was removed in 2.0");
          default -> throw CommonError.NO_SUCH_METHOD.exception("No method " + methodId);
        }
      }
      case CallContext.CONFIGURE_INTERFACE -> {
        if (methodId != 0) {
          throw CommonError.NO_SUCH_METHOD.exception("No Configure method " + methodId);
        }
        record(context);
      }
      default ->
          throw CommonError.NO_SUCH_INTERFACE.exception(
              "No interface '" + context.interfaceName() + "'");
    }
  }

  private static void record(ExecutionContext context) {
    lastCall(context.serviceData()).set(context.interfaceName() + " from " + context.caller());
  }
}
