package io.polyhost.runtime.java;

import java.nio.file.Path;

/**
 * Java runtimes for benchmarks, metered or not. Lives in the runtime's package because switching
 * metering off is deliberately not public: unmetered artifact code can loop forever. Only the
 * benchmarks compare the two.
 */
public final class BenchJavaRuntimes {
  private BenchJavaRuntimes() {}

  /**
   * A runtime over {@code artifacts} with default limits, instrumenting artifacts if {@code
   * metered}.
   */
  public static JavaRuntime create(Path artifacts, boolean metered) {
    return new JavaRuntime(artifacts, JarLimits.defaults(), GasLimits.defaults(), metered);
  }
}
