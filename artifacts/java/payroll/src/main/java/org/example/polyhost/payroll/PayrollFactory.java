package org.example.polyhost.payroll;

import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.ServiceFactory;

/** The artifact's entry point, named by the JAR manifest's {@code Polyhost-Service-Factory}. */
public final class PayrollFactory implements ServiceFactory {
  /** Called by the runtime, which needs a public no-argument constructor. */
  public PayrollFactory() {}

  @Override
  public Class<? extends Service> serviceType() {
    return PayrollService.class;
  }

  @Override
  public Service create(InstanceSpec instance) {
    return new PayrollService();
  }
}
