package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.JavaRuntimeError.INVALID_SERVICE;

import com.google.protobuf.Message;
import io.polyhost.api.error.CommonError;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.service.Configurable;
import io.polyhost.api.service.RemovedTransactions;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.ServiceInterface;
import io.polyhost.api.service.Transaction;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The transactions of a service class, found through {@link Transaction} once per artifact and
 * bound to method handles, so a call is a map lookup and a handle invocation.
 */
final class TransactionTable {
  private static final Pattern METHOD_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final MethodType CALL =
      MethodType.methodType(void.class, Service.class, ExecutionContext.class, Object.class);

  private final Map<Integer, TransactionMethod> methods;
  private final Set<Integer> removed;
  private final ServiceInterface published;

  private TransactionTable(
      Map<Integer, TransactionMethod> methods, Set<Integer> removed, boolean configurable) {
    this.methods = Map.copyOf(methods);
    this.removed = Set.copyOf(removed);
    this.published =
        new ServiceInterface(
            methods.values().stream().map(TransactionMethod::published).toList(),
            new TreeSet<>(removed),
            configurable);
  }

  /**
   * Finds and checks the transactions of {@code type}. Must run with the artifact's context loader:
   * it initializes the argument message classes.
   *
   * @throws io.polyhost.api.error.ExecutionException with {@link JavaRuntimeError#INVALID_SERVICE}
   *     saying what is wrong with which method
   */
  static TransactionTable of(Class<? extends Service> type) {
    if (!Modifier.isPublic(type.getModifiers())) {
      throw INVALID_SERVICE.exception("Service class " + type.getName() + " must be public");
    }
    for (Method m : type.getDeclaredMethods()) {
      if (m.isAnnotationPresent(Transaction.class) && !Modifier.isPublic(m.getModifiers())) {
        throw invalid(type, m, "a transaction method must be public");
      }
    }
    Map<Integer, TransactionMethod> methods = new TreeMap<>();
    Set<String> names = new HashSet<>();
    for (Method m : type.getMethods()) {
      Transaction annotation = m.getAnnotation(Transaction.class);
      if (annotation == null) {
        continue;
      }
      TransactionMethod bound = bind(type, m, annotation);
      if (methods.put(bound.id(), bound) != null) {
        throw invalid(type, m, "another transaction method has id " + bound.id());
      }
      if (!names.add(bound.name())) {
        throw invalid(type, m, "another transaction method is named '" + bound.name() + "'");
      }
    }
    Set<Integer> removed = removedIds(type, methods.keySet());
    return new TransactionTable(methods, removed, Configurable.class.isAssignableFrom(type));
  }

  /** Calls transaction {@code id} of {@code service}. */
  void invoke(Service service, ExecutionContext context, int id, byte[] arguments)
      throws Exception {
    TransactionMethod method = methods.get(id);
    if (method == null) {
      throw removed.contains(id)
          ? CommonError.METHOD_REMOVED.exception(
              "Method " + id + " of " + context.instance().name() + " was removed")
          : CommonError.NO_SUCH_METHOD.exception(
              context.instance().name() + " has no method " + id);
    }
    method.invoke(service, context, arguments);
  }

  /** The interface the service publishes. */
  ServiceInterface published() {
    return published;
  }

  private static TransactionMethod bind(Class<?> type, Method m, Transaction annotation) {
    String name = annotation.name().isEmpty() ? m.getName() : annotation.name();
    if (annotation.id() < 0) {
      throw invalid(type, m, "the id must not be negative, got " + annotation.id());
    }
    if (!METHOD_NAME.matcher(name).matches()) {
      throw invalid(type, m, "the name '" + name + "' must be 1 to 64 of a-z A-Z 0-9 _");
    }
    Class<?>[] params = m.getParameterTypes();
    if (Modifier.isStatic(m.getModifiers())
        || m.getReturnType() != void.class
        || params.length != 2
        || params[0] != ExecutionContext.class
        || !(params[1] == byte[].class || Message.class.isAssignableFrom(params[1]))) {
      throw invalid(
          type,
          m,
          "a transaction is an instance method 'void name(ExecutionContext, byte[] or a protobuf"
              + " message)'");
    }
    Message prototype = params[1] == byte[].class ? null : prototype(type, m, params[1]);
    MethodHandle handle;
    try {
      handle = MethodHandles.publicLookup().unreflect(m).asType(CALL);
    } catch (IllegalAccessException e) {
      throw invalid(type, m, "the method is not accessible: " + e.getMessage());
    }
    return new TransactionMethod(
        annotation.id(),
        name,
        handle,
        prototype == null ? null : prototype.getParserForType(),
        prototype);
  }

  private static Message prototype(Class<?> type, Method m, Class<?> messageType) {
    try {
      return (Message) messageType.getMethod("getDefaultInstance").invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw invalid(
          type,
          m,
          "its argument type "
              + messageType.getName()
              + " is not a generated protobuf message (no public static getDefaultInstance())");
    }
  }

  private static Set<Integer> removedIds(Class<?> type, Set<Integer> live) {
    RemovedTransactions annotation = type.getAnnotation(RemovedTransactions.class);
    Set<Integer> removed = new HashSet<>();
    for (int id : annotation == null ? new int[0] : annotation.value()) {
      if (id < 0 || live.contains(id) || !removed.add(id)) {
        throw INVALID_SERVICE.exception(
            "Service class "
                + type.getName()
                + " lists removed id "
                + id
                + ", which is negative, repeated or the id of a current transaction");
      }
    }
    return removed;
  }

  private static io.polyhost.api.error.ExecutionException invalid(
      Class<?> type, Method m, String problem) {
    return INVALID_SERVICE.exception(
        "Transaction method " + type.getName() + "." + m.getName() + ": " + problem);
  }
}
