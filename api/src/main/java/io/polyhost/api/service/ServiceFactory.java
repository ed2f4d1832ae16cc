package io.polyhost.api.service;

import io.polyhost.api.runtime.InstanceSpec;

/**
 * The entry point of an artifact, named by its manifest: makes the service objects.
 *
 * <p>An implementation is a public class with a public no-argument constructor. The runtime reads
 * {@link #serviceType()} once, when the artifact is deployed, to find and check the transactions
 * and to publish the interface; a deploy fails if they are malformed.
 */
public interface ServiceFactory {
  /** The class of the services {@link #create} returns: public, with its {@link Transaction}s. */
  Class<? extends Service> serviceType();

  /**
   * A service object for {@code instance}, of exactly the class {@link #serviceType()} names. The
   * runtime may create any number of them over an instance's life; they keep no state of their own.
   */
  Service create(InstanceSpec instance);
}
