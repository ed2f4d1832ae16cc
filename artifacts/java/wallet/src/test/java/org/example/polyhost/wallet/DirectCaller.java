package org.example.polyhost.wallet;

import io.polyhost.api.runtime.ChildCall;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.ServiceFactory;
import io.polyhost.api.service.Transaction;

/**
 * A test service that calls the wallet's {@code transfer} as itself, without passing its caller on:
 * the wallet must refuse, since a service has no wallet.
 */
public final class DirectCaller implements Service {
  static final ServiceFactory FACTORY =
      new ServiceFactory() {
        @Override
        public Class<? extends Service> serviceType() {
          return DirectCaller.class;
        }

        @Override
        public Service create(InstanceSpec instance) {
          return new DirectCaller();
        }
      };

  /** Forwards the arguments (a {@code Transfer}) to the service named "wallet". */
  @Transaction(id = 0, name = "forward")
  public void forward(ExecutionContext context, byte[] transfer) {
    context.call(ChildCall.of(InstanceQuery.name("wallet"), WalletService.TRANSFER_ID, transfer));
  }
}
