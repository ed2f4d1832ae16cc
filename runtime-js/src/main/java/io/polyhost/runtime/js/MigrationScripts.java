package io.polyhost.runtime.js;

import io.polyhost.api.migration.MigrationAbortedException;
import io.polyhost.api.migration.MigrationContext;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.graalvm.polyglot.PolyglotException;
import org.jspecify.annotations.Nullable;

/**
 * Turns the scripts a JavaScript artifact exports into {@link MigrationScript}s the dispatcher runs
 * on its migration threads.
 *
 * <p>A script runs in a fresh context of the new artifact, under the same limits as a call, but
 * counted per <em>segment</em>: gas is refilled and the watchdog rewound at every successful {@code
 * ctx.merge()}, so a long migration that merges regularly may run as long as it needs, while a
 * segment that runs away fails deterministically (out of gas) or stops the node (watchdog).
 *
 * <p>The dispatcher aborts a migration by interrupting the thread it runs the script on. Truffle
 * would turn an interrupt of the thread running the guest into an exception the guest can catch
 * (and clear the flag), so the guest is built and run on a worker thread of its own while the
 * dispatcher's thread waits for it: the interrupt reaches the waiting thread, which cancels the
 * context, or stops it from running if it is still being built.
 *
 * <p>How a script ends decides what the dispatcher makes of it: a deterministic failure (its own
 * error, out of gas, a misuse of the API) is a {@link RuntimeException} whose message becomes the
 * migration's reported reason; a fact about this node (the watchdog, a storage or engine failure)
 * is an {@link Error} or a {@link StorageException}, which stop the node instead of being reported.
 */
final class MigrationScripts {
  private final SandboxEngine engine;
  private final Watchdog watchdog;
  private final JsLimits limits;

  MigrationScripts(SandboxEngine engine, Watchdog watchdog, JsLimits limits) {
    this.engine = engine;
    this.watchdog = watchdog;
    this.limits = limits;
  }

  /** The runnable form of {@code script} of {@code artifact}. */
  MigrationScript script(JsArtifact artifact, JsMigrations.Script script) {
    return new MigrationScript(
        script.name(), script.to(), context -> run(artifact, script, context));
  }

  private void run(JsArtifact artifact, JsMigrations.Script script, MigrationContext context)
      throws InterruptedException {
    String where = context.instance().name() + " " + script.name();
    GuestHolder holder = new GuestHolder();
    CompletableFuture<Void> outcome = new CompletableFuture<>();
    Thread worker =
        Thread.ofPlatform()
            .daemon()
            .name("polyhost-js-migration-" + context.instance().name())
            .start(() -> {
              try (Guest guest =
                  Guest.open(engine, where, artifact.code(), limits.statementsPerCall())) {
                if (holder.hold(guest)) {
                  runGuest(guest, script, context, where);
                }
                outcome.complete(null);
              } catch (RuntimeException | Error e) {
                outcome.completeExceptionally(e);
              }
            });
    try {
      outcome.get();
    } catch (InterruptedException e) {
      holder.cancel(); // cancels the guest wherever it is, or before it starts
      worker.join();
      Thread.currentThread().interrupt();
      throw new MigrationAbortedException(context.instance().name());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** The worker's guest, as far as an abort from the waiting thread is concerned. */
  private static final class GuestHolder {
    private @Nullable Guest guest;
    private boolean cancelled;

    /** Records the guest; false if the migration was aborted while it was being built. */
    synchronized boolean hold(Guest built) {
      guest = built;
      return !cancelled;
    }

    synchronized void cancel() {
      cancelled = true;
      if (guest != null) {
        guest.close();
      }
    }
  }

  private void runGuest(
      Guest guest, JsMigrations.Script script, MigrationContext context, String where) {
    RuntimeException failure = null;
    CallSession session;
    long overflows = StackWatch.count();
    try (Watchdog.Armed armed = watchdog.arm(guest)) {
      session =
          CallSession.migration(
              context,
              script.to(),
              () -> {
                guest.refill();
                armed.rewind();
              });
      guest.prepare(0, seedSource(context, script));
      guest.slot.set(session);
      try {
        guest.invoke("migration", Integer.toString(script.index()), "", "json");
      } catch (PolyglotException e) {
        failure = CallFailures.of(e, guest, session, armed.hasFired(), where, limits);
      } finally {
        guest.slot.set(null);
      }
      if (failure == null && armed.hasFired()) {
        failure = new NodeFaultException(where + " was cancelled by the watchdog as it returned");
      }
    }
    if (StackWatch.count() != overflows) {
      failure = CallFailures.stackOverflow(where, failure);
    }
    if (session.fault().isPresent()) {
      failure = session.fault().get();
    }
    if (failure instanceof NodeFaultException fault) {
      // Reported, it would become the migration's outcome on the network; it must stop this node.
      throw new MigrationNodeFault(fault);
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * What the guest's random seed is derived from: the instance, the data version and the target
   * version.
   */
  private static byte[] seedSource(MigrationContext context, JsMigrations.Script script) {
    return ("migration\0"
            + context.instance().name()
            + "\0"
            + context.dataVersion()
            + "\0"
            + script.to())
        .getBytes(StandardCharsets.UTF_8);
  }
}
