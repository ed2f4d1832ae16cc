package io.polyhost.runtime.java;

import org.jspecify.annotations.Nullable;

/**
 * Sets the current thread's context class loader for the length of a try-with-resources block:
 * artifact code that looks up resources or services through the context loader then finds its own,
 * and the host's loader never leaks into it.
 */
final class LoaderSwap implements AutoCloseable {
  private final Thread thread;
  private final @Nullable ClassLoader saved;

  private LoaderSwap(Thread thread, @Nullable ClassLoader saved) {
    this.thread = thread;
    this.saved = saved;
  }

  /** Makes {@code loader} the context loader until {@link #close()}. */
  static LoaderSwap to(ClassLoader loader) {
    Thread thread = Thread.currentThread();
    LoaderSwap swap = new LoaderSwap(thread, thread.getContextClassLoader());
    thread.setContextClassLoader(loader);
    return swap;
  }

  /** Restores the loader that was the context loader before. */
  @Override
  public void close() {
    thread.setContextClassLoader(saved);
  }
}
