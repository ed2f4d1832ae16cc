package io.polyhost.runtime.java;

import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;

/**
 * The parent of every artifact's class loader: passes on the JDK and the shared packages of the
 * host's class path ({@link SharedPackages#isExposed}), and nothing else of it. The storage, the
 * dispatcher and this runtime are thereby invisible to artifacts.
 */
final class ApiGate extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final ClassLoader host;

  /** A gate in front of {@code host}, the loader of the service API. */
  ApiGate(ClassLoader host) {
    super("polyhost-api-gate", ClassLoader.getPlatformClassLoader());
    this.host = host;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (SharedPackages.isExposed(name)) {
      return host.loadClass(name);
    }
    return super.loadClass(name, resolve); // the platform loader: the JDK only
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    throw new ClassNotFoundException(
        name + " is not visible to artifacts: they see only " + SharedPackages.describe());
  }

  @Override
  public @Nullable URL getResource(String name) {
    return exposedResource(name) ? host.getResource(name) : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws java.io.IOException {
    return exposedResource(name) ? host.getResources(name) : super.getResources(name);
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    return Collections.emptyEnumeration();
  }

  private static boolean exposedResource(String name) {
    return name.endsWith(".class") && SharedPackages.isExposed(name.replace('/', '.'));
  }
}
