package io.polyhost.api.runtime;

/** An optional capability a {@link Runtime} may have; the core asks before relying on one. */
public enum RuntimeFeature {
  /**
   * Services can be frozen: they keep serving reads but take no transactions and no hooks. A
   * runtime that cannot stop routing calls to a live service object without discarding it must not
   * claim this.
   */
  FREEZING_SERVICES
}
