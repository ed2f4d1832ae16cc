package io.polyhost.runtime.java;

import java.lang.ref.WeakReference;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Notes, weakly, the context class loader a service ran with when it last opened its data: the
 * tests see the artifact's loader without artifact code touching class loaders (the bytecode policy
 * forbids that), and without keeping the loader alive.
 */
final class LoaderSpy {
  private WeakReference<ClassLoader> last = new WeakReference<>(null);

  void saw(@Nullable ClassLoader loader) {
    last = new WeakReference<>(loader);
  }

  /** The loader last seen, if it is still alive. */
  Optional<ClassLoader> last() {
    return Optional.ofNullable(last.get());
  }

  /** The class {@code name} as the loader last seen resolves it, weakly. */
  WeakReference<Class<?>> classNamed(String name) throws ClassNotFoundException {
    return new WeakReference<>(Class.forName(name, false, last().orElseThrow()));
  }
}
