package io.polyhost.runtime.java;

/**
 * Thrown through artifact code when its {@link Meter} stops the call. An {@link Error}, so artifact
 * code cannot catch it by any type the policy lets it name; a handler for {@code Throwable} (as in
 * try-with-resources) sees it, but every further step charges again and the runtime decides the
 * call's outcome from the meter, not from what reaches it.
 */
final class MeterStop extends Error {
  private static final long serialVersionUID = 1L;

  MeterStop(String message) {
    super(message, null, false, false);
  }
}
