/**
 * The Java runtime: runs services from artifact JARs, each in its own class loader that can be
 * dropped again.
 *
 * <h2>Deploying</h2>
 *
 * {@link io.polyhost.runtime.java.JavaRuntime#deployArtifact} reads the JAR the deploy spec ({@link
 * io.polyhost.api.service.JavaArtifactSpec}) names from the artifacts directory, checks its SHA-256
 * and only then looks inside. The JAR is read once, into memory, within the {@link
 * io.polyhost.runtime.java.JarLimits}; the class loader defines classes from exactly those bytes,
 * so a file changed after the check is never loaded. A JAR is refused, with the reason, if it has a
 * {@code Class-Path}, is multi-release, nests archives, carries native libraries, has classes in
 * the shared packages below or a {@code module-info}, has entry names that could escape a directory
 * ({@code ..}, absolute paths, backslashes), or entries that are too large or compress suspiciously
 * well (zip bombs). Its manifest ({@link io.polyhost.api.service.ArtifactManifest}) must name the
 * artifact being deployed and accept this service API version.
 *
 * <h2>Bytecode policy</h2>
 *
 * Before anything of the JAR is loaded, every class is parsed with {@code java.lang.classfile} and
 * its instructions (not its constant pool) are checked against an allow-list ({@code PolicyRules},
 * one table with a reason for each entry). A deploy that breaks it fails with {@link
 * io.polyhost.runtime.java.JavaRuntimeError#REFUSED_BYTECODE}, whose description lists every
 * violation as {@code class.method line N: reference (rule)}. Refused are: files, the network,
 * processes and the environment ({@code System} except {@code arraycopy} and {@code lineSeparator},
 * system properties, {@code Runtime}); threads, {@code java.util.concurrent}, monitors and {@code
 * synchronized} methods, {@code wait/notify}, parallel streams; reflection, method handles, class
 * loaders, modules, {@code Class} beyond its names and type tests; clocks ({@code now()}, {@code
 * Clock}, {@code Date}); randomness; identity hash codes ({@code System.identityHashCode}, {@code
 * Enum.hashCode}, {@code IdentityHashMap}); anything depending on the node's locale, charset or
 * time zone; {@code Set.of}/{@code Map.of}, whose iteration order changes between JVM runs; regular
 * expressions; finalizers, references and native methods; invokedynamic except for lambdas, string
 * concatenation, records and pattern switches; and state that outlives a call: static fields may be
 * set only in their class's {@code <clinit>} and, like the fields of the service, its factory and
 * the migration provider, hold only values that never change ({@code SharedState}). Members an
 * artifact class inherits from the JDK are checked as the JDK's own. Class files older than Java 8
 * are refused.
 *
 * <p><b>Floating point is banned</b> in artifact code: no {@code float} or {@code double}
 * instruction, constant, field or signature. Java arithmetic has been strict since JDK 17, but the
 * NaN a CPU produces differs (x86 sets the sign bit, ARM does not), and it reaches state through
 * {@code Double.doubleToRawLongBits} or protobuf's {@code double} fields; {@code Math}'s
 * transcendental functions may use platform intrinsics. Amounts are {@code long} minor units,
 * {@code BigInteger} or {@code BigDecimal}; protobuf messages of an artifact must not have {@code
 * float} or {@code double} fields.
 *
 * <p>Known gaps, left to review of the artifact: identity hash codes reached indirectly (a {@code
 * HashMap} keyed by objects without {@code hashCode}, the default {@code toString}); and the
 * elements of a static unmodifiable collection, which are not checked to be values.
 *
 * <h2>Metering</h2>
 *
 * After the policy, every class is instrumented ({@code Instrumenter}: its bytes edited in place
 * where it can, else with {@code java.lang.classfile}) and the artifact's classes are all
 * initialized in the deploy, so no class initializer ever runs inside a transaction (its cost would
 * depend on what this node ran before). Each call into artifact code runs under a meter ({@link
 * io.polyhost.runtime.java.GasLimits}, equal on every node): one unit of gas per method entry,
 * backward branch and exception handler; arrays by their size before they are allocated; strings
 * and arrays that JDK calls return by their size; JDK calls whose work grows with an argument
 * ({@code IntStream.range}, {@code String.repeat}, {@code StringBuilder.append}, {@code addAll},
 * {@code System.arraycopy}, {@code BigInteger.pow}, capacities, ...; {@code PricedCalls}) and an
 * array's {@code clone()} before they run; and method references to JDK methods per call, through a
 * bridge method ({@code JdkBridges}). The sizes of nested artifact frames are counted too. Small
 * straight-line methods that only artifact code can call (no loop, handler, call or array; static,
 * private or a constructor, and named by no lambda or method reference) are left as they are and
 * charge nothing of their own ({@code UnmeteredMethods}); a class with nothing else keeps its
 * bytes. Running out fails the call with {@link
 * io.polyhost.runtime.java.JavaRuntimeError#OUT_OF_GAS}, nesting too deeply with {@link
 * io.polyhost.runtime.java.JavaRuntimeError#CALL_TOO_DEEP} (before the JVM's stack overflows); both
 * are the same on every node, and the dispatcher rolls the call's writes back. A child call to
 * another Java service shares its caller's meter. Code that catches the meter's stop cannot go on:
 * the meter stays stopped, every further step throws again, exception handlers are kept out of
 * their own ranges so they cannot catch their own rethrow, and the runtime takes the outcome from
 * the meter, not from what the code returns. Migration scripts get their own, larger budget and no
 * wall clock; after-commit hooks are metered like calls (running out is logged).
 *
 * <p>Not metered: the work inside one JDK call beyond the priced ones. It is bounded by its inputs,
 * which metered code paid to build, but not linearly (a {@code contains} on a long list in a loop
 * pays per iteration, not per element), and some operations explode from small inputs ({@code
 * BigDecimal} with huge exponents). For those the wall clock ({@link
 * io.polyhost.runtime.java.GasLimits#wallClockPerCall()}) halts the block on this node rather than
 * record anything, and a JDK call that exhausts memory or stack throws an error of the JVM, which
 * halts the node too.
 *
 * <h2>Isolation</h2>
 *
 * Each artifact version gets one class loader, named after the artifact id ({@code
 * ArtifactClassLoader}). It is child-first: a class found in the JAR is defined there, so two
 * versions of an artifact, or two artifacts, can carry classes of the same name. Only the shared
 * packages go to the parent first, and the parent is a gate ({@code ApiGate}), not the host's class
 * loader. The gate passes on exactly:
 *
 * <ul>
 *   <li>the JDK (through the platform class loader);
 *   <li>{@code io.polyhost.api.*}, the service API, because the host calls the artifact through
 *       these interfaces and both sides must see the same classes;
 *   <li>{@code com.google.protobuf.*}, because the API exposes protobuf types (messages, parsers,
 *       descriptors) and a service's own argument messages extend them; a second copy would make
 *       its messages incompatible with the API's;
 *   <li>{@code org.jspecify.annotations.*}, the null-marking annotations the API carries, so
 *       artifacts compiled like the API resolve them. They have no behaviour.
 * </ul>
 *
 * Everything else on the host's class path (the storage, the dispatcher, this runtime, logging,
 * RocksDB) is invisible to artifacts: asking for it gives a {@link ClassNotFoundException}. An
 * artifact bundles any other library it needs. Every call into artifact code sets the thread's
 * context class loader to the artifact's loader and restores it afterwards ({@code LoaderSwap}).
 *
 * <h2>Read endpoints and the published interface</h2>
 *
 * A service answers HTTP GETs through {@link io.polyhost.api.service.Service#read}: the node passes
 * the request ({@link io.polyhost.api.runtime.EndpointRequest}, public or private scope) to {@link
 * io.polyhost.runtime.java.JavaRuntime#handleEndpoint}, which runs it on the latest committed state
 * ({@link io.polyhost.api.runtime.RuntimeEnvironment#readLatest}), read-only and metered like a
 * call, on the HTTP thread. A service error becomes a 400 answer, any other failure (running out of
 * gas, a refused write) a 500, the wall clock a 503; an empty answer is a 404. Reads run
 * concurrently with blocks on the same service object, which is safe because the policy keeps the
 * fields of service objects final and immutable. {@link
 * io.polyhost.runtime.java.JavaRuntime#artifactInterface} publishes the deployed artifact's
 * transactions (ids, names, argument descriptors) for clients that build transactions from JSON.
 *
 * <h2>Errors</h2>
 *
 * An {@link io.polyhost.api.error.ExecutionException} from service code is the call's result, as
 * are {@code OUT_OF_GAS} and {@code CALL_TOO_DEEP}. A storage exception and any {@link Error} pass
 * through unchanged: they are facts about this node, and the dispatcher halts rather than record
 * them. The policy forbids artifact code to name errors of the JVM ({@link VirtualMachineError} and
 * its subclasses); if it catches one anyway (through {@code catch (Throwable t)}), the meter notes
 * it and the runtime rethrows it when the call ends. Running past the wall clock throws a {@code
 * NodeFaultException}, which is not an execution error either. Every other exception becomes an
 * error of kind {@code UNEXPECTED}; its description names the exception, but the exception itself
 * is not kept, so no error ever holds on to an artifact's classes.
 *
 * <h2>Unloading</h2>
 *
 * {@link io.polyhost.runtime.java.JavaRuntime#unloadArtifact} drops the artifact's services, its
 * dispatch table and factory, and closes its loader, which forgets the JAR's bytes. Nothing in the
 * host keeps a reference to an artifact's classes afterwards, so the loader and its classes can be
 * collected. The bytecode policy keeps artifact code from pinning itself there: it can start no
 * thread and keep no static registry. {@code UnloadCyclesIT} checks it under pressure: 200 cycles
 * of deploy, start, call, stop and unload of an artifact of some 200 classes run in a 64 MiB
 * metaspace (which the same artifact, deployed without unloading, exhausts in about 35 cycles).
 */
@NullMarked
package io.polyhost.runtime.java;

import org.jspecify.annotations.NullMarked;
