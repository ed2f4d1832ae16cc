package io.polyhost.host.dispatcher;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.migration.MigrationAbortedException;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.proto.MigrationStatusProto;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.storage.StorageException;
import io.polyhost.storage.Database;
import io.polyhost.storage.migration.AbortHandle;
import io.polyhost.storage.migration.MigrationHelper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs migration scripts on background threads, one per migrating service, and collects their
 * outcomes: the hash of the migrated data, or why the script failed. Node-local: the outcomes
 * become part of consensus only when validators report and agree on them.
 */
final class MigrationRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

  /** A script under way. */
  private record Running(
      Thread thread,
      CompletableFuture<Optional<MigrationStatusProto>> outcome,
      AbortHandle abort) {}

  private final Database db;
  private final Map<String, Running> running = new HashMap<>();

  MigrationRunner(Database db) {
    this.db = db;
  }

  /** Starts {@code script} on the data of {@code instance}, which is at {@code dataVersion}. */
  synchronized void start(InstanceSpec instance, Version dataVersion, MigrationScript script) {
    String name = instance.name();
    if (running.containsKey(name)) {
      throw new IllegalStateException("A migration of '" + name + "' is already running");
    }
    MigrationHelper helper = MigrationHelper.create(db, name);
    CompletableFuture<Optional<MigrationStatusProto>> outcome = new CompletableFuture<>();
    Thread thread =
        Thread.ofPlatform()
            .name("migration-" + name)
            .daemon()
            .unstarted(() -> run(helper, instance, dataVersion, script, outcome));
    running.put(name, new Running(thread, outcome, helper.abortHandle()));
    LOG.info("Started {} for service '{}'", script.name(), name);
    thread.start();
  }

  /**
   * Removes and returns the outcomes of the scripts that have finished, by service name.
   *
   * @throws NodeHaltException if a script hit a storage failure
   */
  synchronized Map<String, MigrationStatusProto> takeCompleted() {
    Map<String, MigrationStatusProto> done = new LinkedHashMap<>();
    for (String name : new ArrayList<>(running.keySet())) {
      Running r = running.get(name);
      if (r != null && r.outcome().isDone()) {
        running.remove(name);
        outcome(name, r).ifPresent(o -> done.put(name, o));
      }
    }
    return done;
  }

  /**
   * Waits for the script of {@code name} to finish and returns its outcome; empty if no script of
   * that service is running here.
   *
   * @throws NodeHaltException if the script hit a storage failure or died
   */
  Optional<MigrationStatusProto> await(String name) {
    Running r;
    synchronized (this) {
      r = running.remove(name);
    }
    return r == null ? Optional.empty() : outcome(name, r);
  }

  /** Aborts the script of {@code name} if one runs, and waits until it has stopped. */
  void abort(String name) {
    Running r;
    synchronized (this) {
      r = running.remove(name);
    }
    if (r != null) {
      stop(r);
    }
  }

  synchronized boolean isRunning(String name) {
    return running.containsKey(name);
  }

  /**
   * Aborts every script, then waits until each has stopped: they restart from their last merge when
   * the node starts again. Aborting all first lets them wind down in parallel.
   */
  @Override
  public void close() {
    List<Running> all;
    synchronized (this) {
      all = new ArrayList<>(running.values());
      running.clear();
    }
    all.forEach(MigrationRunner::signalAbort);
    all.forEach(MigrationRunner::join);
  }

  private static void stop(Running r) {
    signalAbort(r);
    join(r);
  }

  /**
   * Aborts the script's helper (its next merge throws and merges nothing) and interrupts its
   * thread, so that a script waiting for something (I/O, a lock, a sleep) stops without reaching
   * that merge.
   */
  private static void signalAbort(Running r) {
    r.abort().abort();
    r.thread().interrupt();
  }

  /**
   * Waits for the script's thread to end. Not needed for consistency (an aborted helper never
   * merges again), but the script must not outlive the database it reads, which closes after the
   * dispatcher.
   */
  private static void join(Running r) {
    try {
      r.thread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Optional<MigrationStatusProto> outcome(String name, Running r) {
    try {
      return r.outcome().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeHaltException("Interrupted while waiting for the migration of " + name, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new NodeHaltException(
          "The migration script of service '"
              + name
              + "' failed on this node in a way that is not an outcome of the migration ("
              + cause
              + "). Fix the cause (e.g. the disk or memory) and restart the node: the script runs"
              + " again from its last merge.",
          cause);
    }
  }

  private static void run(
      MigrationHelper helper,
      InstanceSpec instance,
      Version dataVersion,
      MigrationScript script,
      CompletableFuture<Optional<MigrationStatusProto>> outcome) {
    try (helper) {
      script.logic().migrate(new ScriptContext(helper, instance, dataVersion));
      Hash hash = helper.finish();
      LOG.info("{} for '{}' finished: {}", script.name(), instance.name(), hash);
      outcome.complete(
          Optional.of(MigrationStatusProto.newBuilder().setHash(hash.toProto()).build()));
    } catch (Exception | Error e) {
      ended(e, helper.abortHandle().isAborted(), script, instance, outcome);
    }
  }

  /**
   * Records how a script that did not finish ended. Once the migration is aborted, whatever the
   * script throws is a consequence of the abort (an interrupted wait, a refused merge, a wrapped
   * {@link MigrationAbortedException}): it has no outcome, so it cannot turn an abort into a
   * failure that a restarted node would then report.
   */
  private static void ended(
      Throwable e,
      boolean aborted,
      MigrationScript script,
      InstanceSpec instance,
      CompletableFuture<Optional<MigrationStatusProto>> outcome) {
    if (aborted || e instanceof MigrationAbortedException) {
      LOG.info("{} for '{}' was aborted", script.name(), instance.name());
      outcome.complete(Optional.empty());
    } else if (e instanceof StorageException || e instanceof Error) {
      LOG.error("{} for '{}' failed on this node", script.name(), instance.name(), e);
      outcome.completeExceptionally(e);
    } else {
      String reason = describe(e);
      LOG.warn("{} for '{}' failed: {}", script.name(), instance.name(), reason);
      outcome.complete(Optional.of(MigrationStatusProto.newBuilder().setError(reason).build()));
    }
  }

  private static String describe(Throwable e) {
    @Nullable String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
