package io.polyhost.runtime.js;

import org.graalvm.polyglot.HostAccess;
import org.jspecify.annotations.Nullable;

/**
 * The seed of the guest's {@code Math.random} for the current call, derived only when the call
 * first draws a number (see {@link JsInstance#seed}). Only the prelude holds it. Public only
 * because GraalJS exports members of public classes.
 */
public final class SeedBridge {
  private static final byte[] NONE = new byte[0];

  private byte[] source = NONE;
  private int @Nullable [] words;

  SeedBridge() {}

  /** Makes {@code source} the next call's seed source. */
  void reset(byte[] source) {
    this.source = source;
    this.words = null;
  }

  /** Word {@code i} (0 to 3) of the seed. */
  @HostAccess.Export
  public int word(int i) {
    int[] w = words;
    if (w == null) {
      w = JsInstance.seed(source);
      words = w;
    }
    return w[i];
  }
}
