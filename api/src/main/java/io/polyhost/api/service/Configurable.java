package io.polyhost.api.service;

import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ExecutionContext;

/**
 * A {@link Service} whose configuration the supervisor can change: the interface {@value
 * #INTERFACE_NAME}, with {@link #verifyConfiguration} as method {@value #VERIFY_METHOD_ID} and
 * {@link #applyConfiguration} as method {@value #APPLY_METHOD_ID}.
 *
 * <p>The supervisor first verifies a proposed configuration when it is proposed and applies it once
 * the validators have agreed. Only the supervisor (instance 0) may call either method; any other
 * caller gets {@code CommonError.UNAUTHORIZED_CALLER}.
 */
public interface Configurable {
  /** The name of the interface, as child calls address it. */
  String INTERFACE_NAME = "polyhost.Configure";

  /** The method id of {@link #verifyConfiguration}. */
  int VERIFY_METHOD_ID = 0;

  /** The method id of {@link #applyConfiguration}. */
  int APPLY_METHOD_ID = 1;

  /**
   * Checks a proposed configuration without changing anything.
   *
   * @throws ExecutionException if the configuration is not acceptable
   */
  void verifyConfiguration(ExecutionContext context, byte[] configuration);

  /**
   * Applies a configuration the validators agreed on.
   *
   * @throws ExecutionException if it cannot be applied; the supervisor records the failure
   */
  void applyConfiguration(ExecutionContext context, byte[] configuration);
}
