package io.polyhost.runtime.java;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The allow-list behind the {@link BytecodePolicy}, in one place: which classes and members of the
 * JDK and the host artifact code may use, and why the rest is refused. Names are internal names
 * ({@code java/lang/String}); a name ending in {@code /} is a package with its subpackages, any
 * other name a class with its nested classes. The most specific entry wins.
 *
 * <p>What is allowed is deterministic, in-memory computation: the service API, protobuf, the
 * language core ({@code java.lang}), collections and streams ({@code java.util}), {@code
 * java.math}, {@code java.time} values, {@code java.nio} buffers and charsets, and {@code
 * java.io}'s in-memory streams. Inside those, members that reach the node's environment, clock,
 * randomness, threads or identity hashes are refused one by one in {@link #MEMBERS} and {@link
 * #MEMBERS_OF_ANY_OWNER}. Floating point is refused by the policy itself, not here (see the package
 * description).
 */
final class PolicyRules {
  static final String FILES = "files and the network are node-local";
  static final String THREADS = "artifact code runs on the caller's thread only";
  static final String REFLECTION = "reflection and method handles bypass the allow-list";
  static final String LOADERS = "class loaders and modules reach outside the artifact";
  static final String CLOCK = "the node's clock; use the block time from the context";
  static final String RANDOM = "randomness differs between nodes";
  static final String ENVIRONMENT = "the node's environment, properties and process";
  static final String IDENTITY = "identity hash codes differ between runs";
  static final String GC = "the garbage collector's timing differs between nodes";
  static final String LOCALE = "depends on the node's default locale, charset or time zone";
  static final String ORDER =
      "Set.of and Map.of iterate in an order that changes between JVM runs; use List.of,"
          + " TreeMap/TreeSet or LinkedHashMap/LinkedHashSet";
  static final String UNMETERED =
      "runs unbounded work inside the JDK, where metering cannot see it";
  static final String REGEX =
      "regular expressions can take exponential time inside the JDK, unmetered";
  static final String ASSERT = "assert depends on the node's -ea flag; throw an exception instead";
  static final String JVM_ERRORS =
      "errors of the JVM are facts about this node: artifact code may neither throw nor catch them";
  static final String NOT_LISTED = "not on the allow-list of classes artifact code may use";

  /** Packages and classes: {@code true} allowed, otherwise the reason they are refused. */
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          allowed("io/polyhost/api/"), // the service API, compiled against on purpose
          allowed("com/google/protobuf/"), // the API's argument and state messages
          allowed("org/jspecify/annotations/"),
          allowed("java/lang/"),
          allowed("java/util/"),
          allowed("java/math/"),
          allowed("java/time/"),
          allowed("java/nio/"),
          allowed("java/io/ByteArrayInputStream"),
          allowed("java/io/ByteArrayOutputStream"),
          allowed("java/io/DataInput"),
          allowed("java/io/DataInputStream"),
          allowed("java/io/DataOutput"),
          allowed("java/io/DataOutputStream"),
          allowed("java/io/InputStream"),
          allowed("java/io/OutputStream"),
          allowed("java/io/IOException"),
          allowed("java/io/EOFException"),
          allowed("java/io/UncheckedIOException"),
          allowed("java/io/Serializable"),
          allowed("java/io/Serial"),
          allowed("java/io/Closeable"),
          Map.entry("java/lang/reflect/", REFLECTION),
          Map.entry("java/lang/invoke/", REFLECTION),
          Map.entry("java/lang/constant/", REFLECTION),
          Map.entry("java/lang/runtime/", REFLECTION),
          Map.entry("java/lang/classfile/", REFLECTION),
          Map.entry("java/lang/ref/", GC),
          Map.entry("java/lang/foreign/", FILES),
          Map.entry("java/lang/instrument/", LOADERS),
          Map.entry("java/lang/module/", LOADERS),
          Map.entry("java/lang/management/", ENVIRONMENT),
          Map.entry("java/lang/Thread", THREADS),
          Map.entry("java/lang/ThreadGroup", THREADS),
          Map.entry("java/lang/ThreadLocal", THREADS),
          Map.entry("java/lang/InheritableThreadLocal", THREADS),
          Map.entry("java/lang/ScopedValue", THREADS),
          Map.entry("java/lang/StackWalker", REFLECTION),
          Map.entry("java/lang/StackTraceElement", REFLECTION),
          Map.entry("java/lang/Process", ENVIRONMENT),
          Map.entry("java/lang/ProcessBuilder", ENVIRONMENT),
          Map.entry("java/lang/ProcessHandle", ENVIRONMENT),
          Map.entry("java/lang/Runtime", ENVIRONMENT),
          Map.entry("java/lang/SecurityManager", ENVIRONMENT),
          Map.entry("java/lang/ClassLoader", LOADERS),
          Map.entry("java/lang/Module", LOADERS),
          Map.entry("java/lang/ModuleLayer", LOADERS),
          Map.entry("java/lang/Package", LOADERS),
          Map.entry("java/lang/VirtualMachineError", JVM_ERRORS),
          Map.entry("java/lang/StackOverflowError", JVM_ERRORS),
          Map.entry("java/lang/OutOfMemoryError", JVM_ERRORS),
          Map.entry("java/lang/InternalError", JVM_ERRORS),
          Map.entry("java/lang/UnknownError", JVM_ERRORS),
          Map.entry("java/lang/ClassValue", "a cache shared by every instance of the artifact"),
          Map.entry("java/util/concurrent/", THREADS),
          Map.entry("java/util/Timer", THREADS),
          Map.entry("java/util/TimerTask", THREADS),
          Map.entry("java/util/random/", RANDOM),
          Map.entry("java/util/Random", RANDOM),
          Map.entry("java/util/SplittableRandom", RANDOM),
          Map.entry("java/util/ServiceLoader", LOADERS),
          Map.entry("java/util/ResourceBundle", LOADERS),
          Map.entry("java/util/PropertyResourceBundle", LOADERS),
          Map.entry("java/util/ListResourceBundle", LOADERS),
          Map.entry("java/util/spi/", LOADERS),
          Map.entry("java/util/logging/", FILES),
          Map.entry("java/util/prefs/", FILES),
          Map.entry("java/util/jar/", FILES),
          Map.entry("java/util/zip/", FILES),
          Map.entry("java/util/Scanner", FILES),
          Map.entry("java/util/Formatter", LOCALE),
          Map.entry("java/util/Currency", LOCALE),
          Map.entry("java/util/Date", CLOCK),
          Map.entry("java/util/Calendar", CLOCK),
          Map.entry("java/util/GregorianCalendar", CLOCK),
          Map.entry("java/util/TimeZone", LOCALE),
          Map.entry("java/util/SimpleTimeZone", LOCALE),
          Map.entry("java/util/IdentityHashMap", IDENTITY),
          Map.entry("java/util/WeakHashMap", GC),
          Map.entry("java/util/regex/", REGEX),
          Map.entry("java/time/Clock", CLOCK),
          Map.entry("java/time/InstantSource", CLOCK),
          Map.entry("java/time/zone/", "time-zone rules change with the JDK's tzdata"),
          Map.entry("java/time/chrono/", "calendar systems read node-local configuration"),
          allowed("java/time/chrono/IsoChronology"),
          allowed("java/time/chrono/IsoEra"),
          allowed("java/time/chrono/ChronoLocalDate"),
          allowed("java/time/chrono/ChronoLocalDateTime"),
          allowed("java/time/chrono/ChronoZonedDateTime"),
          allowed("java/time/chrono/ChronoPeriod"),
          Map.entry("java/nio/file/", FILES),
          Map.entry("java/nio/channels/", FILES),
          Map.entry("java/nio/charset/spi/", LOADERS));

  /**
   * Members refused on an allowed owner, by owner. A member is named alone, or with its descriptor
   * when only one overload is refused. For {@code only(...)} owners the list is what is allowed.
   */
  private static final Map<String, List<MemberRule>> MEMBERS =
      Map.ofEntries(
          rules("java/lang/System", only(ENVIRONMENT, "arraycopy", "lineSeparator")),
          rules(
              "java/lang/Class",
              only(
                  REFLECTION,
                  "getName",
                  "getSimpleName",
                  "getTypeName",
                  "getCanonicalName",
                  "getPackageName",
                  "descriptorString",
                  "toString",
                  "equals",
                  "isInstance",
                  "cast",
                  "isAssignableFrom",
                  "isArray",
                  "isEnum",
                  "isRecord",
                  "isInterface",
                  "isPrimitive",
                  "isSealed",
                  "getComponentType",
                  "componentType",
                  "arrayType",
                  "getEnumConstants",
                  "getSuperclass")),
          rules(
              "java/lang/String",
              refuse(
                  LOCALE,
                  "format",
                  "formatted",
                  "toLowerCase()Ljava/lang/String;",
                  "toUpperCase()Ljava/lang/String;",
                  "getBytes()[B",
                  "<init>([B)V",
                  "<init>([BII)V"),
              refuse(
                  REGEX, "matches", "replaceAll", "replaceFirst", "split", "splitWithDelimiters")),
          rules("java/lang/Integer", refuse(ENVIRONMENT, "getInteger")),
          rules("java/lang/Long", refuse(ENVIRONMENT, "getLong")),
          rules("java/lang/Boolean", refuse(ENVIRONMENT, "getBoolean")),
          rules("java/lang/Enum", refuse(IDENTITY + "; use ordinal() or name()", "hashCode")),
          rules("java/util/UUID", refuse(RANDOM, "randomUUID")),
          rules("io/polyhost/api/crypto/KeyPair", refuse(RANDOM, "generate")),
          rules("java/util/Objects", refuse(IDENTITY, "toIdentityString")),
          rules("java/util/Locale", refuse(LOCALE, "getDefault", "setDefault")),
          rules("java/util/Set", refuse(ORDER, "of", "copyOf")),
          rules("java/util/Map", refuse(ORDER, "of", "ofEntries", "copyOf")),
          rules(
              "java/util/stream/Collectors",
              refuse(
                  ORDER,
                  "toUnmodifiableSet",
                  "toUnmodifiableMap",
                  "toConcurrentMap",
                  "groupingByConcurrent")),
          rules("java/util/stream/Stream", refuse(UNMETERED, "generate", "iterate")),
          rules("java/util/stream/IntStream", refuse(UNMETERED, "generate", "iterate")),
          rules("java/util/stream/LongStream", refuse(UNMETERED, "generate", "iterate")),
          rules(
              "java/math/BigInteger",
              refuse(RANDOM, "probablePrime", "isProbablePrime", "nextProbablePrime")),
          rules(
              "java/nio/ByteOrder",
              refuse("the CPU's byte order differs between nodes", "nativeOrder")),
          rules("java/nio/charset/Charset", refuse(LOCALE, "defaultCharset")),
          rules(
              "java/time/ZoneId",
              refuse(
                  "time-zone rules change with the JDK's tzdata; use ZoneOffset",
                  "of",
                  "systemDefault",
                  "getAvailableZoneIds")),
          rules(
              "java/time/format/DateTimeFormatter",
              refuse(
                  LOCALE,
                  "ofPattern(Ljava/lang/String;)Ljava/time/format/DateTimeFormatter;",
                  "ofLocalizedDate",
                  "ofLocalizedTime",
                  "ofLocalizedDateTime",
                  "ofLocalizedPattern")),
          rules(
              "java/time/format/DateTimeFormatterBuilder",
              refuse(
                  LOCALE,
                  "toFormatter()Ljava/time/format/DateTimeFormatter;",
                  "getLocalizedDateTimePattern")),
          rules("java/time/format/DecimalStyle", refuse(LOCALE, "ofDefaultLocale")));

  /** Refused whoever the owner: each exists on many JDK types, and on artifact subclasses. */
  private static final Map<String, String> MEMBERS_OF_ANY_OWNER =
      Map.ofEntries(
          Map.entry("wait", THREADS),
          Map.entry("notify", THREADS),
          Map.entry("notifyAll", THREADS),
          Map.entry("parallel", THREADS),
          Map.entry("parallelStream", THREADS),
          Map.entry("parallelSort", THREADS),
          Map.entry("parallelPrefix", THREADS),
          Map.entry("parallelSetAll", THREADS),
          Map.entry("printStackTrace", FILES),
          Map.entry("getStackTrace", REFLECTION),
          Map.entry("setStackTrace", REFLECTION),
          Map.entry("allocateDirect", "direct buffers live outside the heap until the collector"),
          Map.entry("identityHashCode", IDENTITY),
          Map.entry("desiredAssertionStatus", ASSERT));

  /**
   * The bootstrap methods invokedynamic may use: what javac emits for lambdas and method
   * references, string concatenation, records' {@code equals/hashCode/toString} and pattern
   * switches. Any other bootstrap could run arbitrary code while linking.
   */
  private static final Set<String> BOOTSTRAPS =
      Set.of(
          "java/lang/invoke/LambdaMetafactory.metafactory",
          "java/lang/invoke/LambdaMetafactory.altMetafactory",
          "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
          "java/lang/runtime/ObjectMethods.bootstrap",
          "java/lang/runtime/SwitchBootstraps.typeSwitch",
          "java/lang/runtime/SwitchBootstraps.enumSwitch");

  /** Dynamic constants allowed as bootstrap arguments: the enum labels of pattern switches. */
  private static final Set<String> CONSTANT_BOOTSTRAPS =
      Set.of("java/lang/invoke/ConstantBootstraps.enumConstant");

  /**
   * Types whose objects cannot change once made, so a static field or a field of a long-lived
   * object (a service, its factory) may hold them without becoming state shared between calls.
   * Enums of the JDK, artifact enums and records of such values, and generated protobuf messages
   * count too (see {@code SharedState}).
   */
  private static final Set<String> VALUE_TYPES =
      Set.of(
          "java/lang/String",
          "java/lang/Boolean",
          "java/lang/Byte",
          "java/lang/Short",
          "java/lang/Character",
          "java/lang/Integer",
          "java/lang/Long",
          "java/lang/Class",
          "java/math/BigInteger",
          "java/math/BigDecimal",
          "java/util/UUID",
          "java/util/HexFormat",
          "java/util/Base64$Encoder",
          "java/util/Base64$Decoder",
          "java/nio/charset/Charset",
          "java/time/Duration",
          "java/time/Instant",
          "java/time/LocalDate",
          "java/time/LocalDateTime",
          "java/time/LocalTime",
          "java/time/MonthDay",
          "java/time/OffsetDateTime",
          "java/time/OffsetTime",
          "java/time/Period",
          "java/time/Year",
          "java/time/YearMonth",
          "java/time/ZoneOffset",
          "java/time/ZonedDateTime",
          "java/time/format/DateTimeFormatter",
          "io/polyhost/api/crypto/Hash",
          "io/polyhost/api/crypto/PublicKey",
          "io/polyhost/api/runtime/ArtifactId",
          "io/polyhost/api/runtime/InstanceSpec",
          "io/polyhost/api/runtime/Version",
          "io/polyhost/api/runtime/VersionReq",
          "io/polyhost/api/storage/Serializer",
          "io/polyhost/api/error/ExecutionError");

  /**
   * Collection types a static field may have if its initializer makes an unmodifiable one: the
   * factories below, right before the field is set in {@code <clinit>}.
   */
  private static final Set<String> COLLECTION_TYPES =
      Set.of(
          "java/lang/Iterable",
          "java/util/Collection",
          "java/util/List",
          "java/util/SequencedCollection",
          "java/util/Set",
          "java/util/SortedSet",
          "java/util/NavigableSet",
          "java/util/Map",
          "java/util/SortedMap",
          "java/util/NavigableMap",
          "java/util/SequencedMap");

  /** Methods that return an unmodifiable collection (of whatever the elements are). */
  private static final Set<String> UNMODIFIABLE_FACTORIES =
      Set.of(
          "java/util/List.of",
          "java/util/List.copyOf",
          "java/util/stream/Stream.toList",
          "java/util/Collections.unmodifiableCollection",
          "java/util/Collections.unmodifiableList",
          "java/util/Collections.unmodifiableSet",
          "java/util/Collections.unmodifiableSortedSet",
          "java/util/Collections.unmodifiableNavigableSet",
          "java/util/Collections.unmodifiableMap",
          "java/util/Collections.unmodifiableSortedMap",
          "java/util/Collections.unmodifiableNavigableMap",
          "java/util/Collections.unmodifiableSequencedCollection",
          "java/util/Collections.unmodifiableSequencedSet",
          "java/util/Collections.unmodifiableSequencedMap",
          "java/util/Collections.emptyList",
          "java/util/Collections.emptySet",
          "java/util/Collections.emptyMap",
          "java/util/Collections.emptySortedSet",
          "java/util/Collections.emptySortedMap",
          "java/util/Collections.emptyNavigableSet",
          "java/util/Collections.emptyNavigableMap",
          "java/util/Collections.singletonList",
          "java/util/Collections.singleton",
          "java/util/Collections.singletonMap");

  /**
   * Function types a static field may have if its initializer is a lambda or method reference that
   * captures nothing, or a factory of these types' own (such as {@code Comparator.comparing}).
   */
  private static final Set<String> FUNCTION_TYPES =
      Set.of("java/util/function/", "java/util/Comparator", "java/lang/Runnable");

  /** The members of one owner that are refused, or with {@code onlyThese} the only ones allowed. */
  private record MemberRule(Set<String> names, boolean onlyThese, String reason) {}

  // Answers found so far: the rules and the JDK do not change while the node runs, and an artifact
  // asks about the same few hundred types and members thousands of times.
  private static final Map<String, List<String>> LINEAGE = new ConcurrentHashMap<>();
  private static final Map<String, Optional<String>> TYPE_ANSWERS = new ConcurrentHashMap<>();
  private static final Map<String, Optional<String>> MEMBER_ANSWERS = new ConcurrentHashMap<>();

  private PolicyRules() {}

  private static Map.Entry<String, List<MemberRule>> rules(String owner, MemberRule... rules) {
    return Map.entry(owner, List.of(rules));
  }

  private static MemberRule refuse(String reason, String... names) {
    return new MemberRule(Set.of(names), false, reason);
  }

  private static MemberRule only(String reason, String... names) {
    return new MemberRule(Set.of(names), true, reason);
  }

  private static Map.Entry<String, String> allowed(String name) {
    return Map.entry(name, "");
  }

  /** Why {@code type}, a class of the JDK or the host, may not be used; empty if it may. */
  static Optional<String> checkType(String type) {
    return cached(TYPE_ANSWERS, type, PolicyRules::findTypeRule); // no capture: no allocation
  }

  /**
   * {@code cache}'s answer for {@code key}; a hostile artifact's made-up names fill it only so far.
   */
  private static <T> T cached(Map<String, T> cache, String key, Function<String, T> answer) {
    T known = cache.get(key);
    if (known != null) {
      return known;
    }
    T found = answer.apply(key);
    if (cache.size() < 100_000) {
      cache.put(key, found);
    }
    return found;
  }

  private static Optional<String> findTypeRule(String type) {
    Map.Entry<String, String> best = null;
    for (Map.Entry<String, String> candidate : TYPES.entrySet()) {
      if (covers(candidate.getKey(), type)
          && (best == null || candidate.getKey().length() > best.getKey().length())) {
        best = candidate;
      }
    }
    if (best == null) {
      return Optional.of(NOT_LISTED);
    }
    return best.getValue().isEmpty() ? Optional.empty() : Optional.of(best.getValue());
  }

  private static boolean covers(String entry, String type) {
    return entry.endsWith("/")
        ? type.startsWith(entry)
        : type.equals(entry) || type.startsWith(entry + "$");
  }

  /**
   * Why member {@code name} with {@code descriptor} of {@code owner}, a class of the JDK or the
   * host, may not be used; empty if it may.
   */
  static Optional<String> checkMember(String owner, String name, String descriptor) {
    Optional<String> type = checkType(owner);
    return type.isPresent() ? type : checkMemberOf(owner, name, descriptor);
  }

  /**
   * Like {@link #checkMember}, for an owner whose type is known to be allowed: an artifact class's
   * JDK superclass or interface, through which the artifact class inherits the member.
   */
  static Optional<String> checkMemberOf(String owner, String name, String descriptor) {
    return cached(
        MEMBER_ANSWERS,
        owner + "." + name + descriptor,
        key -> findMemberRule(owner, name, descriptor));
  }

  private static Optional<String> findMemberRule(String owner, String name, String descriptor) {
    Optional<String> anyOwner = checkName(name);
    if (anyOwner.isPresent()) {
      return anyOwner;
    }
    if (name.equals("now") && owner.startsWith("java/time/")) {
      return Optional.of(CLOCK);
    }
    // A JDK class inherits its superclasses' members: DayOfWeek.hashCode is Enum.hashCode.
    for (String type : lineage(owner)) {
      for (MemberRule rule : MEMBERS.getOrDefault(type, List.of())) {
        boolean named = rule.names().contains(name) || rule.names().contains(name + descriptor);
        if (named != rule.onlyThese()) {
          return Optional.of(rule.reason());
        }
      }
    }
    return Optional.empty();
  }

  /** {@code type} and its JDK superclasses and interfaces, as far as the JDK knows it. */
  private static List<String> lineage(String type) {
    return cached(LINEAGE, type, PolicyRules::findLineage);
  }

  private static List<String> findLineage(String type) {
    Class<?> start;
    try {
      start = Class.forName(type.replace('/', '.'), false, PolicyRules.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return List.of(type);
    }
    Set<String> found = new LinkedHashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>(List.of(start));
    while (!todo.isEmpty()) {
      Class<?> next = todo.poll();
      if (found.add(next.getName().replace('.', '/'))) {
        if (next.getSuperclass() != null) {
          todo.add(next.getSuperclass());
        }
        todo.addAll(List.of(next.getInterfaces()));
      }
    }
    return List.copyOf(found);
  }

  /** Why a member called {@code name} may not be used whoever declares it; empty if it may. */
  static Optional<String> checkName(String name) {
    return Optional.ofNullable(MEMBERS_OF_ANY_OWNER.get(name));
  }

  /** Whether objects of {@code type}, a JDK or host class, can never change. */
  static boolean isValueType(String type) {
    if (VALUE_TYPES.contains(type)) {
      return true;
    }
    if (type.startsWith("io/polyhost/api/proto/")
        || (type.startsWith("com/google/protobuf/")
            && !type.contains("Builder")
            && !type.contains("ExtensionRegistry"))) {
      return true; // messages, descriptors, parsers and ByteString; not builders
    }
    return type.startsWith("java/") && isJdkEnum(type);
  }

  private static boolean isJdkEnum(String type) {
    try {
      return Class.forName(type.replace('/', '.'), false, ClassLoader.getPlatformClassLoader())
          .isEnum();
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Whether {@code type} is a collection interface a static field may hold unmodifiable. */
  static boolean isCollectionType(String type) {
    return COLLECTION_TYPES.contains(type);
  }

  /** Whether {@code owner.name} returns an unmodifiable collection. */
  static boolean isUnmodifiableFactory(String owner, String name) {
    return UNMODIFIABLE_FACTORIES.contains(owner + "." + name);
  }

  /** Whether {@code type} is a JDK function type (its factories count as initializers too). */
  static boolean isFunctionType(String type) {
    return FUNCTION_TYPES.stream().anyMatch(f -> covers(f, type));
  }

  /** Whether invokedynamic may use the bootstrap {@code owner.name}. */
  static boolean isAllowedBootstrap(String owner, String name) {
    return BOOTSTRAPS.contains(owner + "." + name);
  }

  /** Whether a dynamic constant may use the bootstrap {@code owner.name}. */
  static boolean isAllowedConstantBootstrap(String owner, String name) {
    return CONSTANT_BOOTSTRAPS.contains(owner + "." + name);
  }
}
