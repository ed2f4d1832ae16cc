package io.polyhost.runtime.js;

import io.polyhost.api.proto.ServiceInterfaceProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.EndpointRequest;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A deployed JavaScript artifact: its checked source and what its {@code service} export declares,
 * read once at deploy time so calls can be routed without entering the guest.
 *
 * @param id the artifact
 * @param code the entry module (and a bundle's files), shared by every context
 * @param transactions the transactions by numeric id
 * @param removedTransactions ids of transactions earlier versions had, which fail with {@code
 *     METHOD_REMOVED}
 * @param hooks the entry points the service defines ({@code initialize}, {@code afterCommit}, ...)
 * @param parametersCodec how constructor and resume parameters are decoded
 * @param configureCodec how configurations are decoded, if the service implements {@code
 *     polyhost.Configure}
 * @param migrations the data migrations the artifact exports, if any
 * @param endpoints the paths of the service's read endpoints, by scope
 */
record JsArtifact(
    ArtifactId id,
    JsCode code,
    Map<Integer, Transaction> transactions,
    Set<Integer> removedTransactions,
    Set<String> hooks,
    String parametersCodec,
    Optional<String> configureCodec,
    Optional<JsMigrations> migrations,
    Map<EndpointRequest.Scope, Set<String>> endpoints) {

  /** The entry points a service may define besides its transactions. */
  static final Set<String> HOOKS =
      Set.of("initialize", "resume", "beforeTransactions", "afterTransactions", "afterCommit");

  /** The codecs for arguments and parameters. */
  static final Set<String> CODECS = Set.of("json", "string", "bytes");

  JsArtifact {
    transactions = Map.copyOf(transactions);
    removedTransactions = Set.copyOf(removedTransactions);
    hooks = Set.copyOf(hooks);
    endpoints = Map.copyOf(endpoints);
  }

  /** A transaction: the name it has in the service object, its id and how its arguments decode. */
  record Transaction(String name, int id, String codec) {}

  Optional<Transaction> transaction(int id) {
    return Optional.ofNullable(transactions.get(id));
  }

  /** Whether {@code id} is listed in {@code service.removedTransactions}. */
  boolean removed(int id) {
    return removedTransactions.contains(id);
  }

  boolean hasHook(String hook) {
    return hooks.contains(hook);
  }

  /**
   * What clients need to build transactions: ids and names in id order. JavaScript arguments are
   * JSON text (or a string or raw bytes, as the transaction's codec says), never protobuf, so no
   * argument types are published.
   */
  ServiceInterfaceProto publishedInterface() {
    ServiceInterfaceProto.Builder proto =
        ServiceInterfaceProto.newBuilder().setConfigurable(configurable());
    transactions.values().stream()
        .sorted(Comparator.comparingInt(Transaction::id))
        .forEach(tx ->
            proto.addMethods(
                ServiceInterfaceProto.MethodProto.newBuilder().setId(tx.id()).setName(tx.name())));
    proto.addAllRemovedIds(new TreeSet<>(removedTransactions));
    return proto.build();
  }

  /** Whether the service has a read endpoint at {@code path} in {@code scope}. */
  boolean hasEndpoint(EndpointRequest.Scope scope, String path) {
    return endpoints.getOrDefault(scope, Set.of()).contains(path);
  }

  /** Whether the service implements {@code polyhost.Configure} ({@code service.configure}). */
  boolean configurable() {
    return configureCodec.isPresent();
  }
}
