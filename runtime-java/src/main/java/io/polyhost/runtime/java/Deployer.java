package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.JavaRuntimeError.INVALID_SERVICE;
import static io.polyhost.runtime.java.JavaRuntimeError.MALFORMED_DEPLOY_SPEC;
import static io.polyhost.runtime.java.JavaRuntimeError.REFUSED_BYTECODE;

import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.service.JavaArtifactSpec;
import io.polyhost.api.service.MigrationProvider;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.ServiceFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns a deploy request into a {@link LoadedArtifact}: file, hash, content rules, manifest, the
 * bytecode policy, the metering instrumentation, then the class loader, the classes' initializers,
 * factory, transactions and migrations. Each step refuses with the reason.
 */
final class Deployer {
  private final ArtifactFiles files;
  private final JarReader reader;
  private final ClassLoader gate;
  private final GasLimits limits;
  private final boolean metered;

  Deployer(
      ArtifactFiles files, JarReader reader, ClassLoader gate, GasLimits limits, boolean metered) {
    this.files = files;
    this.reader = reader;
    this.gate = gate;
    this.limits = limits;
    this.metered = metered;
  }

  /**
   * Loads the JAR {@code deploySpec} names as {@code artifact}.
   *
   * @throws ExecutionException with a {@link JavaRuntimeError} saying why the artifact is refused
   */
  LoadedArtifact deploy(ArtifactId artifact, byte[] deploySpec) {
    JavaArtifactSpec spec;
    try {
      spec = JavaArtifactSpec.parse(deploySpec);
    } catch (IllegalArgumentException e) {
      throw MALFORMED_DEPLOY_SPEC.exception(e.getMessage() + " (deploying " + artifact + ")");
    }
    JarContents contents = reader.read(files.readVerified(spec));
    ArtifactDescriptor descriptor = ArtifactDescriptor.read(contents.manifest(), artifact);
    ArtifactClasses classes = ArtifactClasses.parse(contents.entries());
    enforcePolicy(artifact, classes);
    Map<String, byte[]> code =
        metered ? new Instrumenter(classes).instrument(contents.entries()) : contents.entries();
    ArtifactClassLoader loader = new ArtifactClassLoader(artifact, code, gate);
    prelink(loader, classes);
    try (LoaderSwap swap = LoaderSwap.to(loader);
        MeterScope scope = MeterScope.forCall(limits)) {
      AtomicReference<LoadedArtifact> loaded = new AtomicReference<>();
      PluginCalls.call(scope, () -> loaded.set(load(artifact, loader, classes, descriptor)));
      return loaded.get();
    } catch (RuntimeException | Error e) {
      loader.close();
      throw e;
    }
  }

  /**
   * Initializes every class of the artifact, then creates its factory and migration provider: in
   * one metered call, so that no class initializer ever runs later inside a transaction, where its
   * cost would depend on whether this node had run it before.
   */
  private LoadedArtifact load(
      ArtifactId artifact,
      ArtifactClassLoader loader,
      ArtifactClasses classes,
      ArtifactDescriptor descriptor) {
    try {
      for (String name : classes.models().keySet()) {
        Class.forName(name.replace('/', '.'), true, loader);
      }
      ServiceFactory factory = instantiate(loader, descriptor.factoryClass(), ServiceFactory.class);
      Optional<MigrationProvider> migrations =
          descriptor.migrationsClass().map(c -> instantiate(loader, c, MigrationProvider.class));
      return link(artifact, loader, loader, factory, migrations, limits);
    } catch (ExecutionException e) {
      throw e;
    } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
      throw INVALID_SERVICE.exception(
          "Loading " + artifact + " failed: " + PluginCalls.describe(e));
    }
  }

  /**
   * Loads and links (verifies) every class on all cores, so that {@link #load} only has to run the
   * initializers one by one. Neither step runs artifact code. A class that fails here is left to
   * {@link #load}, which meets the same failure again in name order and reports it: the refusal
   * does not depend on which thread got to a class first.
   */
  private static void prelink(ArtifactClassLoader loader, ArtifactClasses classes) {
    classes.models().keySet().parallelStream()
        .forEach(name -> {
          try {
            // Reflecting on the constructors links the class; nothing is initialized.
            Constructor<?>[] unused =
                Class.forName(name.replace('/', '.'), false, loader).getDeclaredConstructors();
          } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            // load() reports it
          }
        });
  }

  private static void enforcePolicy(ArtifactId artifact, ArtifactClasses classes) {
    List<PolicyViolation> violations = BytecodePolicy.check(classes);
    if (!violations.isEmpty()) {
      throw REFUSED_BYTECODE.exception(
          artifact
              + " breaks the bytecode policy in "
              + violations.size()
              + (violations.size() == 1 ? " place" : " places")
              + " (class.method line: reference (rule)):\n"
              + BytecodePolicy.describe(violations));
    }
  }

  /**
   * Deploys a builtin artifact, whose classes are on the host's class path.
   *
   * @throws ExecutionException with {@link JavaRuntimeError#INVALID_SERVICE} if its transactions or
   *     migrations are malformed
   */
  static LoadedArtifact builtin(
      ArtifactId artifact,
      ServiceFactory factory,
      Optional<MigrationProvider> migrations,
      GasLimits limits) {
    ClassLoader loader = factory.getClass().getClassLoader();
    try (LoaderSwap swap = LoaderSwap.to(loader)) {
      return link(artifact, loader, null, factory, migrations, limits);
    }
  }

  private static LoadedArtifact link(
      ArtifactId artifact,
      ClassLoader loader,
      @org.jspecify.annotations.Nullable ArtifactClassLoader ownLoader,
      ServiceFactory factory,
      Optional<MigrationProvider> migrations,
      GasLimits limits) {
    Class<? extends Service> type = factory.serviceType();
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      throw INVALID_SERVICE.exception(
          "The service type " + type.getName() + " of " + artifact + " must be a concrete class");
    }
    TransactionTable table = TransactionTable.of(type);
    Optional<MigrationPlan> plan =
        migrations.map(p -> MigrationPlan.of(artifact, p, loader, limits));
    return new LoadedArtifact(artifact, loader, ownLoader, factory, type, table, plan);
  }

  private static <T> T instantiate(ClassLoader loader, String className, Class<T> role) {
    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      throw INVALID_SERVICE.exception(
          "The manifest names " + className + " but the JAR has no such class");
    }
    if (!role.isAssignableFrom(type)) {
      throw INVALID_SERVICE.exception(className + " does not implement " + role.getName());
    }
    if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
      throw INVALID_SERVICE.exception(className + " must be a public, concrete class");
    }
    try {
      Constructor<?> constructor = type.getConstructor();
      return role.cast(constructor.newInstance());
    } catch (NoSuchMethodException e) {
      throw INVALID_SERVICE.exception(className + " needs a public no-argument constructor");
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw INVALID_SERVICE.exception(
          "Creating " + className + " failed: " + PluginCalls.describe(cause));
    }
  }
}
