package org.example.polyhost.wallet;

import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.ServiceFactory;

/** The artifact's entry point, named by the JAR manifest's {@code Polyhost-Service-Factory}. */
public final class WalletFactory implements ServiceFactory {
  /** Called by the runtime, which needs a public no-argument constructor. */
  public WalletFactory() {}

  @Override
  public Class<? extends Service> serviceType() {
    return WalletService.class;
  }

  @Override
  public Service create(InstanceSpec instance) {
    // Services keep no state of their own (all of it is in the indexes), so one class serves every
    // instance.
    return new WalletService();
  }
}
