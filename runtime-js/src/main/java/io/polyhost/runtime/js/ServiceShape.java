package io.polyhost.runtime.js;

import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.Version;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a module's exports declare: {@code artifact} (name and version, which must match the
 * id being deployed) and {@code service} (hooks, transactions with unique ids, codecs).
 */
final class ServiceShape {
  private static final Pattern ENDPOINT_PATH =
      Pattern.compile("[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");

  private ServiceShape() {}

  /**
   * The artifact the exports describe.
   *
   * @throws ExecutionException with {@link JsError#ARTIFACT_INVALID} naming the first problem
   */
  static JsArtifact read(ArtifactId id, JsCode code, Value exports) {
    String file = code.name();
    Value artifact = member(exports, "artifact");
    if (artifact == null || !artifact.hasMembers()) {
      throw invalid(
          file
              + " does not declare its artifact; add: export const artifact = { name: \""
              + id.name()
              + "\", version: \""
              + id.version()
              + "\" };");
    }
    String name = string(artifact, "name", file + ": artifact.name");
    String version = string(artifact, "version", file + ": artifact.version");
    if (!name.equals(id.name()) || !ArtifactLoader.sameVersion(id, version)) {
      throw invalid(
          file
              + " declares artifact "
              + name
              + " "
              + version
              + ", but "
              + id.name()
              + " "
              + id.version()
              + " was requested");
    }
    Value service = member(exports, "service");
    if (service == null || !service.hasMembers()) {
      throw invalid(file + " does not export its service object: export const service = {...}");
    }
    Set<String> hooks = new HashSet<>();
    for (String hook : JsArtifact.HOOKS) {
      Value fn = member(service, hook);
      if (fn != null) {
        if (!fn.canExecute()) {
          throw invalid(file + ": service." + hook + " must be a function");
        }
        hooks.add(hook);
      }
    }
    String parameters = codec(service, "parameters", file + ": service.parameters");
    Map<Integer, JsArtifact.Transaction> transactions = transactions(file, service);
    return new JsArtifact(
        id,
        code,
        transactions,
        removedTransactions(file, service, transactions.keySet()),
        hooks,
        parameters,
        configure(file, service),
        migrations(id, file, exports),
        endpoints(file, service));
  }

  /** The paths of {@code service.endpoints.public} and {@code .private}, each a function. */
  private static Map<EndpointRequest.Scope, Set<String>> endpoints(String file, Value service) {
    Value endpoints = member(service, "endpoints");
    Map<EndpointRequest.Scope, Set<String>> byScope = new EnumMap<>(EndpointRequest.Scope.class);
    if (endpoints == null) {
      return byScope;
    }
    String where = file + ": service.endpoints";
    if (!endpoints.hasMembers()) {
      throw invalid(where + " must be an object {public: {...}, private: {...}}");
    }
    for (String key : endpoints.getMemberKeys()) {
      if (!key.equals("public") && !key.equals("private")) {
        throw invalid(where + " has '" + key + "'; its scopes are 'public' and 'private'");
      }
      Value scope = endpoints.getMember(key);
      if (!scope.hasMembers()) {
        throw invalid(where + "." + key + " must be an object of functions by path");
      }
      Set<String> paths = new HashSet<>();
      for (String path : scope.getMemberKeys()) {
        if (!ENDPOINT_PATH.matcher(path).matches()) {
          throw invalid(
              where
                  + "."
                  + key
                  + ": '"
                  + path
                  + "' is not an endpoint path: segments of letters, digits, '.', '_', '~' and"
                  + " '-', separated by single slashes, no slash first or last");
        }
        if (!scope.getMember(path).canExecute()) {
          throw invalid(where + "." + key + "['" + path + "'] must be a function (ctx, query)");
        }
        paths.add(path);
      }
      byScope.put(
          key.equals("public") ? EndpointRequest.Scope.PUBLIC : EndpointRequest.Scope.PRIVATE,
          paths);
    }
    return byScope;
  }

  /** The {@code migrations} export: {@code {from: "1.0.0", scripts: [{to, run, name?}, ...]}}. */
  private static Optional<JsMigrations> migrations(ArtifactId id, String file, Value exports) {
    Value migrations = member(exports, "migrations");
    if (migrations == null) {
      return Optional.empty();
    }
    String where = file + ": migrations";
    if (!migrations.hasMembers()) {
      throw invalid(where + " must be an object {from: \"<oldest data version>\", scripts: [...]}");
    }
    Version from = version(migrations, "from", where + ".from");
    Value scripts = member(migrations, "scripts");
    if (scripts == null || !scripts.hasArrayElements()) {
      throw invalid(where + ".scripts must be an array of {to, run(ctx)}, possibly empty");
    }
    List<JsMigrations.Script> read = new ArrayList<>();
    for (long i = 0; i < scripts.getArraySize(); i++) {
      String at = where + ".scripts[" + i + "]";
      Value script = scripts.getArrayElement(i);
      Version to = version(script, "to", at + ".to");
      Value run = member(script, "run");
      if (run == null || !run.canExecute()) {
        throw invalid(at + " needs a run(ctx) function");
      }
      Value name = member(script, "name");
      String label =
          name != null && name.isString()
              ? name.asString()
              : "migration of " + id.name() + " to " + to;
      read.add(new JsMigrations.Script((int) i, label, to));
    }
    return Optional.of(new JsMigrations(id, from, read));
  }

  private static Version version(Value owner, String key, String where) {
    String text = string(owner, key, where);
    try {
      return Version.parse(text);
    } catch (IllegalArgumentException e) {
      throw invalid(where + " is not a semantic version: " + e.getMessage());
    }
  }

  /** The codec of {@code service.configure}, which needs both {@code verify} and {@code apply}. */
  private static Optional<String> configure(String file, Value service) {
    Value configure = member(service, "configure");
    if (configure == null) {
      return Optional.empty();
    }
    String where = file + ": service.configure";
    if (!configure.hasMembers()) {
      throw invalid(where + " must be an object with verify(ctx, config) and apply(ctx, config)");
    }
    for (String method : List.of("verify", "apply")) {
      Value fn = member(configure, method);
      if (fn == null || !fn.canExecute()) {
        throw invalid(where + "." + method + " must be a function (ctx, config)");
      }
    }
    return Optional.of(codec(configure, "arguments", where + ".arguments"));
  }

  private static Map<Integer, JsArtifact.Transaction> transactions(String file, Value service) {
    Map<Integer, JsArtifact.Transaction> byId = new HashMap<>();
    Value txs = member(service, "transactions");
    if (txs == null) {
      return byId;
    }
    if (!txs.hasMembers()) {
      throw invalid(file + ": service.transactions must be an object of transactions by name");
    }
    for (String name : txs.getMemberKeys()) {
      String where = file + ": transaction " + name;
      Value tx = txs.getMember(name);
      Value idValue = member(tx, "id");
      if (idValue == null || !idValue.fitsInInt() || idValue.asInt() < 0) {
        throw invalid(where + " needs an id: an integer from 0 to " + Integer.MAX_VALUE);
      }
      Value run = member(tx, "run");
      if (run == null || !run.canExecute()) {
        throw invalid(where + " needs a run(ctx, args) function");
      }
      int txId = idValue.asInt();
      var previous =
          byId.put(txId, new JsArtifact.Transaction(name, txId, codec(tx, "arguments", where)));
      if (previous != null) {
        throw invalid(where + " has id " + txId + ", which " + previous.name() + " has too");
      }
    }
    return byId;
  }

  /**
   * The ids in {@code service.removedTransactions}: transactions earlier versions had, which now
   * fail with {@code METHOD_REMOVED} instead of {@code NO_SUCH_METHOD}; none may be a current id.
   */
  private static Set<Integer> removedTransactions(
      String file, Value service, Set<Integer> current) {
    Value removed = member(service, "removedTransactions");
    if (removed == null) {
      return Set.of();
    }
    String where = file + ": service.removedTransactions";
    if (!removed.hasArrayElements()) {
      throw invalid(where + " must be an array of the ids of removed transactions, e.g. [2, 5]");
    }
    Set<Integer> ids = new HashSet<>();
    for (long i = 0; i < removed.getArraySize(); i++) {
      Value element = removed.getArrayElement(i);
      if (!element.fitsInInt() || element.asInt() < 0) {
        throw invalid(
            where
                + "["
                + i
                + "] must be an integer from 0 to "
                + Integer.MAX_VALUE
                + ", got "
                + element);
      }
      int id = element.asInt();
      if (current.contains(id)) {
        throw invalid(
            where
                + " lists "
                + id
                + ", which is the id of a current transaction; an id, once removed, is never"
                + " reused");
      }
      if (!ids.add(id)) {
        throw invalid(where + " lists " + id + " twice");
      }
    }
    return ids;
  }

  private static String codec(Value owner, String key, String where) {
    Value codec = member(owner, key);
    if (codec == null) {
      return "json";
    }
    if (!codec.isString() || !JsArtifact.CODECS.contains(codec.asString())) {
      throw invalid(where + " must be one of " + JsArtifact.CODECS + ", got " + codec);
    }
    return codec.asString();
  }

  private static String string(Value owner, String key, String where) {
    Value value = member(owner, key);
    if (value == null || !value.isString()) {
      throw invalid(where + " must be a string");
    }
    return value.asString();
  }

  /** The member, or {@code null} when it is absent or undefined. */
  private static @Nullable Value member(Value owner, String key) {
    if (!owner.hasMembers()) {
      return null;
    }
    Value value = owner.getMember(key);
    return value == null || value.isNull() ? null : value;
  }

  private static ExecutionException invalid(String message) {
    return JsError.ARTIFACT_INVALID.exception(message);
  }
}
