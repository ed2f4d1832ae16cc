package org.example.polyhost.counter;

import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.ServiceFactory;

/** The artifact's entry point, named by the JAR manifest's {@code Polyhost-Service-Factory}. */
public final class CounterFactory implements ServiceFactory {
  /** Called by the runtime, which needs a public no-argument constructor. */
  public CounterFactory() {}

  @Override
  public Class<? extends Service> serviceType() {
    return CounterService.class;
  }

  @Override
  public Service create(InstanceSpec instance) {
    return new CounterService();
  }
}
