package io.polyhost.runtime.java;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The allow-list behind the {@link BytecodePolicy}: which JDK classes and members artifact code may
 * reference. Types are internal names ({@code java/lang/String}).
 *
 * <p>Allowed: the artifact's own classes, the service API, protobuf, and the deterministic parts of
 * {@code java.lang}, {@code java.util} (with {@code function} and {@code stream}), {@code
 * java.math}, {@code java.time}, {@code java.nio} buffers and charsets, and {@code java.io}'s
 * in-memory streams. Everything else in the JDK is refused: files, network, processes, threads and
 * concurrency, reflection, class loaders, method handles, references, foreign memory.
 *
 * <p><b>Floating point.</b> Since JDK 17 every {@code float} and {@code double} operation is strict
 * (JEP 306), so arithmetic gives the same bits on every node and is allowed. The methods of {@code
 * java.lang.Math} that may be intrinsics with platform-dependent results (trigonometry, logarithms,
 * powers) are refused; {@code StrictMath} gives the specified results and is allowed.
 */
final class PolicyRules {
  private static final List<String> ALLOWED_PREFIXES =
      List.of(
          "io/polyhost/api/",
          "com/google/protobuf/",
          "java/lang/",
          "java/util/",
          "java/math/",
          "java/time/",
          "java/nio/",
          "java/io/ByteArray",
          "java/io/UncheckedIOException",
          "java/io/IOException",
          "java/io/Serializable");

  private static final List<String> DENIED_PREFIXES =
      List.of(
          "java/lang/reflect/",
          "java/lang/invoke/",
          "java/lang/ref/",
          "java/lang/foreign/",
          "java/lang/instrument/",
          "java/lang/module/",
          "java/lang/management/",
          "java/util/concurrent/",
          "java/util/random/",
          "java/util/logging/",
          "java/util/prefs/",
          "java/util/jar/",
          "java/util/zip/",
          "java/util/spi/",
          "java/nio/file/",
          "java/nio/channels/");

  /** Classes refused by name, with their nested classes. */
  private static final Set<String> DENIED_CLASSES =
      Set.of(
          "java/lang/Thread",
          "java/lang/ThreadGroup",
          "java/lang/ThreadLocal",
          "java/lang/InheritableThreadLocal",
          "java/lang/Process",
          "java/lang/ProcessBuilder",
          "java/lang/ProcessHandle",
          "java/lang/ClassLoader",
          "java/lang/ScopedValue",
          "java/lang/StackWalker",
          "java/lang/Runtime",
          "java/lang/Module",
          "java/lang/ModuleLayer",
          "java/lang/SecurityManager",
          "java/util/Random",
          "java/util/SplittableRandom",
          "java/util/Timer",
          "java/util/TimerTask",
          "java/util/ServiceLoader",
          "java/util/Scanner",
          "java/util/Formatter",
          "java/time/Clock",
          "java/time/InstantSource");

  /** Members refused on otherwise allowed types, by owner. */
  private static final Map<String, Set<String>> DENIED_MEMBERS =
      Map.of(
          "java/lang/Class",
          Set.of(
              "forName",
              "getClassLoader",
              "newInstance",
              "getMethod",
              "getMethods",
              "getDeclaredMethod",
              "getDeclaredMethods",
              "getField",
              "getFields",
              "getDeclaredField",
              "getDeclaredFields",
              "getConstructor",
              "getConstructors",
              "getDeclaredConstructor",
              "getDeclaredConstructors",
              "getResource",
              "getResourceAsStream",
              "getModule",
              "getProtectionDomain"),
          "java/lang/Object",
          Set.of("wait", "notify", "notifyAll"),
          "java/lang/Math",
          Set.of(
              "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "exp",
              "expm1", "log", "log10", "log1p", "pow", "cbrt", "hypot"),
          "java/util/UUID",
          Set.of("randomUUID"),
          "java/util/Collection",
          Set.of("parallelStream"),
          "java/util/stream/BaseStream",
          Set.of("parallel"),
          "java/util/Locale",
          Set.of("getDefault", "setDefault"),
          "java/util/TimeZone",
          Set.of("getDefault", "setDefault"),
          "java/time/ZoneId",
          Set.of("systemDefault"));

  /** Of {@code java/lang/System}, only these are allowed: the rest is the environment and time. */
  private static final Set<String> ALLOWED_SYSTEM_MEMBERS = Set.of("arraycopy", "lineSeparator");

  private static final Set<String> BOOTSTRAP_OWNERS =
      Set.of(
          "java/lang/invoke/LambdaMetafactory",
          "java/lang/invoke/StringConcatFactory",
          "java/lang/runtime/ObjectMethods",
          "java/lang/runtime/SwitchBootstraps");

  private PolicyRules() {}

  /** Why {@code type} may not be referenced, or empty if it may. */
  static Optional<String> checkType(String type, Set<String> ownClasses) {
    if (ownClasses.contains(type)) {
      return Optional.empty();
    }
    int nested = type.indexOf('$');
    String outer = nested < 0 ? type : type.substring(0, nested);
    if (DENIED_CLASSES.contains(outer) || DENIED_PREFIXES.stream().anyMatch(type::startsWith)) {
      return Optional.of("not on the allow-list: threads, reflection, I/O and the environment");
    }
    if (ALLOWED_PREFIXES.stream().anyMatch(type::startsWith)) {
      return Optional.empty();
    }
    return Optional.of("not on the allow-list of classes artifact code may use");
  }

  /** Why member {@code name} of {@code owner} may not be used, or empty if it may. */
  static Optional<String> checkMember(String owner, String name, Set<String> ownClasses) {
    Optional<String> type = checkType(owner, ownClasses);
    if (type.isPresent()) {
      return type;
    }
    if (owner.equals("java/lang/System") && !ALLOWED_SYSTEM_MEMBERS.contains(name)) {
      return Optional.of("System exposes the node's environment, clock and process");
    }
    if (name.equals("now") && owner.startsWith("java/time/")) {
      return Optional.of("the node's clock; use the block time from the context");
    }
    Set<String> denied = DENIED_MEMBERS.get(owner);
    if (denied != null && denied.contains(name)) {
      return Optional.of(
          owner.equals("java/lang/Math")
              ? "may differ between CPUs; use StrictMath"
              : "non-deterministic or reflective");
    }
    return Optional.empty();
  }

  /**
   * Whether an invokedynamic may use this bootstrap owner (lambdas, concatenation, records,
   * switch).
   */
  static boolean isAllowedBootstrap(String owner) {
    return BOOTSTRAP_OWNERS.contains(owner);
  }
}
