package io.polyhost.runtime.java;

import io.polyhost.api.error.CommonError;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.service.Configurable;
import io.polyhost.api.service.Service;

/**
 * Routes calls of the {@value Configurable#INTERFACE_NAME} interface. The dispatcher lets only the
 * supervisor call it; the check is repeated here so a service is safe whoever routes to it.
 */
final class ConfigureInterface {
  private ConfigureInterface() {}

  /**
   * Calls method {@code methodId} of the interface on {@code service}; run through {@link
   * PluginCalls}.
   */
  static void invoke(Service service, ExecutionContext context, int methodId, byte[] arguments) {
    if (!(service instanceof Configurable configurable)) {
      throw CommonError.NO_SUCH_INTERFACE.exception(
          context.instance().name() + " does not implement " + Configurable.INTERFACE_NAME);
    }
    if (!context.caller().isSupervisor()) {
      throw CommonError.UNAUTHORIZED_CALLER.exception(
          Configurable.INTERFACE_NAME
              + " of "
              + context.instance().name()
              + " may be called only by the supervisor, not by "
              + context.caller());
    }
    switch (methodId) {
      case Configurable.VERIFY_METHOD_ID -> configurable.verifyConfiguration(context, arguments);
      case Configurable.APPLY_METHOD_ID -> configurable.applyConfiguration(context, arguments);
      default ->
          throw CommonError.NO_SUCH_METHOD.exception(
              Configurable.INTERFACE_NAME + " has no method " + methodId);
    }
  }
}
