package io.polyhost.runtime.js;

import org.graalvm.polyglot.HostAccess;

/**
 * Lets the prelude report a stack overflow that GraalJS turned into an ordinary error without a
 * trace of its cause ({@code JSON.parse} of a text nested within the allowed depth, on a stack that
 * was already deep), so {@link StackWatch} counts it like any other. Only the prelude holds it.
 * Public only because GraalJS exports members of public classes.
 */
public final class StackBridge {
  StackBridge() {}

  /** Counts a stack overflow on the calling thread. */
  @HostAccess.Export
  public void overflowed() {
    StackWatch.record();
  }
}
