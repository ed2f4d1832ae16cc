package io.polyhost.runtime.java;

import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.ServiceFactory;
import io.polyhost.api.service.Transaction;
import io.polyhost.api.storage.Serializers;

/** A builtin service, on the host's class path like the supervisor will be: counts calls. */
public final class Counter implements Service {
  /** Makes counters. */
  public static final class Factory implements ServiceFactory {
    @Override
    public Class<? extends Service> serviceType() {
      return Counter.class;
    }

    @Override
    public Service create(InstanceSpec instance) {
      return new Counter();
    }
  }

  /** Adds one to the entry {@code count}. */
  @Transaction(id = 0, name = "increment")
  public void increment(ExecutionContext context, byte[] unused) {
    var count = context.serviceData().entry("count", Serializers.int64());
    count.set(count.get().orElse(0L) + 1);
  }
}
