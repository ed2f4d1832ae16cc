package io.polyhost.runtime.js;

import io.polyhost.api.error.CommonError;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.service.Configurable;

/**
 * Routes calls of the {@value Configurable#INTERFACE_NAME} interface to a service's {@code
 * configure.verify} (method {@value Configurable#VERIFY_METHOD_ID}) and {@code configure.apply}
 * (method {@value Configurable#APPLY_METHOD_ID}). The checks and their order are the Java
 * runtime's, so the supervisor sees the same errors whichever runtime a service runs on; the caller
 * check is repeated here so a service is safe whoever routes to it.
 */
final class ConfigureInterface {
  private ConfigureInterface() {}

  /**
   * The name of the {@code configure} member that method {@code methodId} calls.
   *
   * @throws io.polyhost.api.error.ExecutionException with {@code NO_SUCH_INTERFACE} if the service
   *     has no {@code configure}, {@code UNAUTHORIZED_CALLER} if the caller is not the supervisor,
   *     {@code NO_SUCH_METHOD} for an unknown method id
   */
  static String method(JsArtifact artifact, ExecutionContext context, int methodId) {
    String service = context.instance().name();
    if (!artifact.configurable()) {
      throw CommonError.NO_SUCH_INTERFACE.exception(
          "JavaScript service "
              + service
              + " does not implement "
              + Configurable.INTERFACE_NAME
              + " (it has no service.configure)");
    }
    if (!context.caller().isSupervisor()) {
      throw CommonError.UNAUTHORIZED_CALLER.exception(
          Configurable.INTERFACE_NAME
              + " of "
              + service
              + " may be called only by the supervisor, not by "
              + context.caller());
    }
    return switch (methodId) {
      case Configurable.VERIFY_METHOD_ID -> "verify";
      case Configurable.APPLY_METHOD_ID -> "apply";
      default ->
          throw CommonError.NO_SUCH_METHOD.exception(
              Configurable.INTERFACE_NAME
                  + " has no method "
                  + methodId
                  + "; 0 verifies, 1 applies");
    };
  }
}
