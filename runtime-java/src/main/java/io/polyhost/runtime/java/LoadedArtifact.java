package io.polyhost.runtime.java;

import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.ServiceFactory;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A deployed artifact: its loader, factory, transaction table and migrations. Everything the host
 * holds of an artifact's classes hangs off this object, so dropping it and closing the loader
 * releases them.
 */
final class LoadedArtifact implements AutoCloseable {
  private final ArtifactId id;
  private final ClassLoader loader;
  private final @Nullable ArtifactClassLoader ownLoader;
  private final ServiceFactory factory;
  private final Class<? extends Service> serviceType;
  private final TransactionTable table;
  private final Optional<MigrationPlan> migrations;

  LoadedArtifact(
      ArtifactId id,
      ClassLoader loader,
      @Nullable ArtifactClassLoader ownLoader,
      ServiceFactory factory,
      Class<? extends Service> serviceType,
      TransactionTable table,
      Optional<MigrationPlan> migrations) {
    this.id = id;
    this.loader = loader;
    this.ownLoader = ownLoader;
    this.factory = factory;
    this.serviceType = serviceType;
    this.table = table;
    this.migrations = migrations;
  }

  ArtifactId id() {
    return id;
  }

  /** The loader to make the context loader around calls into this artifact. */
  ClassLoader loader() {
    return loader;
  }

  TransactionTable table() {
    return table;
  }

  Optional<MigrationPlan> migrations() {
    return migrations;
  }

  /**
   * A new service object for {@code instance}; call it through {@link PluginCalls}.
   *
   * @throws ExecutionException of kind {@code UNEXPECTED} if the factory returns an object of
   *     another class than it declared
   */
  Service newService(InstanceSpec instance) {
    Service service = factory.create(instance);
    if (service == null || service.getClass() != serviceType) {
      throw new ExecutionException(
          ExecutionError.unexpected(
              "The factory of "
                  + id
                  + " declared service type "
                  + serviceType.getName()
                  + " but created "
                  + (service == null ? "null" : service.getClass().getName())));
    }
    return service;
  }

  /** Closes the artifact's own loader; builtin artifacts have none. */
  @Override
  public void close() {
    if (ownLoader != null) {
      ownLoader.close();
    }
  }
}
