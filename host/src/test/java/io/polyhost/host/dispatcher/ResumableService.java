package io.polyhost.host.dispatcher;

import io.polyhost.api.error.CommonError;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.storage.Entry;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.Serializers;
import io.polyhost.host.testing.Counter;
import io.polyhost.host.testing.TestService;
import java.nio.charset.StandardCharsets;

/**
 * A counter whose resume hook needs non-empty parameters, which it stores: empty ones fail with
 * {@code MALFORMED_ARGUMENTS}.
 */
final class ResumableService implements TestService {
  private final Counter counter = new Counter();

  static Entry<String> resumedWith(IndexAccess data) {
    return data.entry("resumed_with", Serializers.string());
  }

  @Override
  public void initialize(ExecutionContext context, byte[] parameters) {
    counter.initialize(context, parameters);
  }

  @Override
  public void execute(ExecutionContext context, int methodId, byte[] arguments) {
    counter.execute(context, methodId, arguments);
  }

  @Override
  public void resume(ExecutionContext context, byte[] parameters) {
    if (parameters.length == 0) {
      throw CommonError.MALFORMED_ARGUMENTS.exception("Resume parameters must not be empty");
    }
    resumedWith(context.serviceData()).set(new String(parameters, StandardCharsets.UTF_8));
  }
}
