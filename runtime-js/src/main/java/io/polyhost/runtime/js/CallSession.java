package io.polyhost.runtime.js;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.migration.MigrationContext;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.StateProver;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.service.JsonStrings;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.StorageException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One call into a service as the host bridges see it: the dispatcher's context (or, after a commit,
 * a read-only view), the call information the guest reads, the failures of child calls, and the
 * first node-local fault.
 *
 * <p>The fault is kept because the guest can catch any exception a host method throws: a storage
 * failure swallowed by a {@code try} must still stop the node, so the runtime checks {@link
 * #fault()} after every call whatever the guest did.
 *
 * <p>The call information is built only if the guest reads it: most transactions never look at
 * their caller, and its address costs a hash.
 */
final class CallSession {
  private static final AtomicLong NUMBERS = new AtomicLong();

  private final long number = NUMBERS.incrementAndGet();
  private final @Nullable ExecutionContext context;
  private final @Nullable IndexAccess readOnlyData;
  private final @Nullable MigrationContext migration;
  private final Runnable afterMerge;
  private final @Nullable EndpointProofs proofs;
  private final Supplier<String> infoSource;
  private @Nullable String info;
  private final List<ExecutionException> childFailures = new ArrayList<>();
  private final Map<String, OpenIndex> openIndexes = new HashMap<>();
  private @Nullable RuntimeException fault;

  /** An index of the service's data opened in this call, and the type it was opened as. */
  private record OpenIndex(String kind, Object index) {}

  /** How many indexes one call keeps open; a call touching more reopens some. */
  private static final int MAX_OPEN_INDEXES = 64;

  private CallSession(
      @Nullable ExecutionContext context,
      @Nullable IndexAccess readOnlyData,
      @Nullable MigrationContext migration,
      Runnable afterMerge,
      @Nullable EndpointProofs proofs,
      Supplier<String> infoSource) {
    this.context = context;
    this.readOnlyData = readOnlyData;
    this.migration = migration;
    this.afterMerge = afterMerge;
    this.proofs = proofs;
    this.infoSource = infoSource;
  }

  private CallSession(
      @Nullable ExecutionContext context,
      @Nullable IndexAccess readOnlyData,
      Supplier<String> infoSource) {
    this(context, readOnlyData, null, () -> {}, null, infoSource);
  }

  /**
   * A session for a migration script: old, new and scratch data instead of the service's data;
   * {@code afterMerge} runs after every successful merge (it refills gas and rewinds the watchdog).
   */
  static CallSession migration(MigrationContext migration, Version to, Runnable afterMerge) {
    String info =
        "{\"instance\":"
            + instanceJson(migration.instance())
            + ",\"dataVersion\":"
            + JsonStrings.quote(migration.dataVersion().toString())
            + ",\"targetVersion\":"
            + JsonStrings.quote(to.toString())
            + "}";
    return new CallSession(null, null, migration, afterMerge, null, () -> info);
  }

  /** A session for a consensus call made through {@code context}. */
  static CallSession of(ExecutionContext context) {
    return new CallSession(context, null, () -> consensusInfo(context));
  }

  private static String consensusInfo(ExecutionContext context) {
    String txHash = context.transactionHash().map(h -> JsonStrings.quote(h.toHex())).orElse("null");
    return "{\"instance\":"
        + instanceJson(context.instance())
        + ",\"caller\":"
        + callerJson(context.caller())
        + ",\"transactionHash\":"
        + txHash
        + ",\"height\":"
        + context.height()
        + ",\"blockTime\":"
        + context.blockTime().toEpochMilli()
        + ",\"inGenesis\":"
        + context.inGenesisBlock()
        + ",\"interface\":"
        + JsonStrings.quote(context.interfaceName())
        + "}";
  }

  /** A session for the node-local after-commit hook: read-only data, no caller. */
  static CallSession afterCommit(InstanceSpec instance, long height, Optional<IndexAccess> data) {
    String info =
        "{\"instance\":"
            + instanceJson(instance)
            + ",\"caller\":"
            + callerJson(Caller.Blockchain.INSTANCE)
            + ",\"transactionHash\":null,\"height\":"
            + height
            + ",\"blockTime\":null,\"inGenesis\":false,\"interface\":\"\"}";
    return new CallSession(null, data.orElse(null), () -> info);
  }

  /**
   * A session for a read endpoint: the latest committed data, read-only, the request, and the
   * node's prover for that same state.
   */
  static CallSession endpoint(
      InstanceSpec instance,
      long height,
      IndexAccess data,
      EndpointRequest request,
      StateProver prover) {
    StringBuilder query = new StringBuilder("{");
    request
        .query()
        .forEach((name, values) -> {
          query.append(query.length() > 1 ? "," : "").append(JsonStrings.quote(name)).append(":[");
          for (int i = 0; i < values.size(); i++) {
            query.append(i > 0 ? "," : "").append(JsonStrings.quote(values.get(i)));
          }
          query.append("]");
        });
    String info =
        "{\"instance\":"
            + instanceJson(instance)
            + ",\"height\":"
            + height
            + ",\"scope\":"
            + (request.scope() == EndpointRequest.Scope.PUBLIC ? "\"public\"" : "\"private\"")
            + ",\"path\":"
            + JsonStrings.quote(request.path())
            + ",\"query\":"
            + query.append("}")
            + "}";
    return new CallSession(
        null, data, null, () -> {}, new EndpointProofs(instance.name(), prover), () -> info);
  }

  /**
   * This session's number, unique in the process: the guest's context object carries it, so one
   * kept past its call is refused instead of describing a later call.
   */
  long number() {
    return number;
  }

  /** The call information as JSON, built on first use. */
  String info() {
    String text = info;
    if (text == null) {
      text = infoSource.get();
      info = text;
    }
    return text;
  }

  /**
   * Index {@code name} of the service's data as type {@code kind}, opened by {@code open} on first
   * use in this call and kept for the rest of it, as a Java service keeps the index objects it
   * opened. A failed child call drops them all, so the next use asks the dispatcher again (which
   * refuses). Migrations have no service data, so nothing is kept for them.
   */
  Object serviceIndex(String kind, String name, Function<IndexAccess, ?> open) {
    OpenIndex kept = openIndexes.get(name);
    if (kept != null && kept.kind().equals(kind)) {
      return kept.index();
    }
    Object index = open.apply(data());
    if (openIndexes.size() >= MAX_OPEN_INDEXES) {
      openIndexes.clear();
    }
    openIndexes.put(name, new OpenIndex(kind, index));
    return index;
  }

  /** The service's data; through the dispatcher each time, which refuses after a failed child. */
  IndexAccess data() {
    if (context != null) {
      return context.serviceData();
    }
    if (readOnlyData == null) {
      throw new GuestMisuseException(
          migration != null
              ? "A migration reads ctx.oldData and writes ctx.newData; it has no ctx.storage"
              : "The service's data is not readable in this call");
    }
    return readOnlyData;
  }

  /** A read endpoint's proofs of its answer. */
  EndpointProofs proofs() {
    if (proofs == null) {
      throw new GuestMisuseException(
          "Proofs are made in read endpoints only, for the state they read");
    }
    return proofs;
  }

  /** The data before a migration, read-only. */
  IndexAccess oldData() {
    return migration().oldData();
  }

  /** The migrated data. */
  IndexAccess newData() {
    return migration().newData();
  }

  /** A migration's scratch space. */
  IndexAccess scratchpad() {
    return migration().scratchpad();
  }

  /** Marks an old index for removal when the migration is flushed. */
  void createTombstone(String name) {
    MigrationContext m = migration();
    guard(() -> {
      m.createTombstone(name);
      return null;
    });
  }

  /**
   * Persists a migration's progress, then refills its gas; an abort surfaces here as a {@link
   * io.polyhost.api.migration.MigrationAbortedException} that is also kept as this call's fault, so
   * a script that catches it still ends.
   */
  void merge() {
    MigrationContext m = migration();
    guard(() -> {
      m.merge();
      return null;
    });
    afterMerge.run();
  }

  private MigrationContext migration() {
    if (migration == null) {
      throw new GuestMisuseException(
          "Old data, new data, the scratchpad, tombstones and merges exist only in migrations");
    }
    return migration;
  }

  /** The dispatcher's context: present in consensus calls only. */
  ExecutionContext context() {
    if (context == null) {
      throw new GuestMisuseException("Child calls are only possible in transactions and hooks");
    }
    return context;
  }

  /** Remembers a failed child call; the returned token lets the guest's error refer back to it. */
  int addChildFailure(ExecutionException failure) {
    openIndexes.clear();
    childFailures.add(failure);
    return childFailures.size() - 1;
  }

  ExecutionException childFailure(int token) {
    if (token < 0 || token >= childFailures.size()) {
      throw new GuestMisuseException("No child call failure " + token + " in this call");
    }
    return childFailures.get(token);
  }

  Optional<RuntimeException> fault() {
    return Optional.ofNullable(fault);
  }

  /**
   * Runs a host operation for the guest: deterministic failures pass to the guest as they are;
   * anything else is also remembered as this node's fault.
   */
  <T> T guard(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (RuntimeException e) {
      if (!isDeterministic(e) && fault == null) {
        fault = e;
      }
      throw e;
    } catch (StackOverflowError e) {
      throw e; // the guest sees a RangeError, as for its own deep recursion
    } catch (Error e) {
      if (fault == null) {
        fault = new NodeFaultException("The JVM failed inside a host call: " + e, e);
      }
      throw e;
    }
  }

  /** Whether a host exception is the same on every node for the same call. */
  static boolean isDeterministic(Throwable e) {
    if (e instanceof StorageException) {
      return e instanceof io.polyhost.api.storage.IndexTypeMismatchException
          || e instanceof io.polyhost.api.storage.ReadOnlyStorageException;
    }
    return e instanceof ExecutionException
        || e instanceof GuestMisuseException
        || e instanceof IllegalArgumentException
        || e instanceof IndexOutOfBoundsException;
  }

  private static String instanceJson(InstanceSpec spec) {
    return "{\"id\":"
        + spec.id()
        + ",\"name\":"
        + JsonStrings.quote(spec.name())
        + ",\"artifact\":{\"name\":"
        + JsonStrings.quote(spec.artifact().name())
        + ",\"version\":"
        + JsonStrings.quote(spec.artifact().version().toString())
        + "}}";
  }

  private static String callerJson(Caller caller) {
    Hash address = caller.address();
    String kind =
        switch (caller) {
          case Caller.Transaction t ->
              "\"kind\":\"transaction\",\"author\":" + JsonStrings.quote(t.author().toHex());
          case Caller.Service s -> "\"kind\":\"service\",\"instanceId\":" + s.instanceId();
          case Caller.Blockchain b -> "\"kind\":\"blockchain\"";
        };
    return "{" + kind + ",\"address\":" + JsonStrings.quote(address.toHex()) + "}";
  }
}
