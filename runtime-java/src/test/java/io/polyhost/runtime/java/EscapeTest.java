package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.Fixtures.FACTORY;
import static io.polyhost.runtime.java.Fixtures.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The escape suite: artifact code trying to reach files, the network, threads, reflection, the
 * host, the clock, randomness, state shared between calls, or to run forever. Each attempt is
 * refused at deploy, with the violation in the refusal, or stopped at run time the same way on
 * every node (or, for errors of the JVM, halts instead of being recorded); after each, the runtime
 * still serves calls and the state is what it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscapeTest {
  /** Code a service tries, and what the policy must report for it. */
  record Refused(String name, String body, String reported, Function<String, byte[]> crafted) {
    Refused(String name, String body, String reported) {
      this(name, body, reported, pkg -> new byte[0]);
    }

    String pkg() {
      return "escape." + name.toLowerCase(java.util.Locale.ROOT);
    }

    boolean isCrafted() {
      return crafted.apply(pkg()).length > 0;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Refused> refusedAtDeploy() {
    String tx =
        "@Transaction(id = 0) public void run(ExecutionContext c, byte[] a) throws Exception";
    return List.of(
        new Refused(
            "ReadAFile",
            tx + " { java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\")); }",
            "java/nio/file/Files.readString"),
        new Refused(
            "WriteAFile",
            tx + " { new java.io.FileOutputStream(\"/tmp/escape\").write(1); }",
            "java/io/FileOutputStream"),
        new Refused(
            "OpenASocket",
            tx + " { new java.net.Socket(\"127.0.0.1\", 80).close(); }",
            "java/net/Socket"),
        new Refused(
            "CallOverHttp",
            tx + " { java.net.http.HttpClient.newHttpClient(); }",
            "java/net/http/HttpClient"),
        new Refused(
            "StartAThread", tx + " { new Thread(() -> {}).start(); }", "java/lang/Thread.start()V"),
        new Refused(
            "StartAVirtualThread",
            tx + " { Thread.ofVirtual().start(() -> {}); }",
            "java/lang/Thread.ofVirtual"),
        new Refused(
            "UseAnExecutor",
            tx + " { java.util.concurrent.Executors.newFixedThreadPool(2).shutdown(); }",
            "java/util/concurrent/Executors"),
        new Refused(
            "UseTheCommonPool",
            tx + " { List.of(1, 2).parallelStream().count(); }",
            "java/util/List.parallelStream"),
        new Refused(
            "ReflectOnAPrivateField",
            tx + " { String.class.getDeclaredField(\"value\").setAccessible(true); }",
            "java/lang/Class.getDeclaredField"),
        new Refused(
            "ClassForNameWithTheBootLoader",
            tx + " { Class.forName(\"io.polyhost.storage.Fork\", false, null); }",
            "java/lang/Class.forName(Ljava/lang/String;ZLjava/lang/ClassLoader;)"),
        new Refused(
            "LookUpAMethodHandle",
            tx
                + " { java.lang.invoke.MethodHandles.lookup().findStatic(System.class, \"exit\","
                + " java.lang.invoke.MethodType.methodType(void.class, int.class)); }",
            "java/lang/invoke/MethodHandles.lookup"),
        new Refused(
            "PrivateLookupIn",
            tx
                + " { java.lang.invoke.MethodHandles.privateLookupIn(String.class,"
                + " java.lang.invoke.MethodHandles.lookup()); }",
            "java/lang/invoke/MethodHandles.privateLookupIn"),
        new Refused("GrabUnsafe", tx + " { Object u = sun.misc.Unsafe.class; }", "sun/misc/Unsafe"),
        new Refused("ExitTheJvm", tx + " { System.exit(0); }", "java/lang/System.exit(I)V"),
        new Refused(
            "HaltTheRuntime",
            tx + " { java.lang.Runtime.getRuntime().halt(0); }",
            "java/lang/Runtime"),
        new Refused(
            "AddAShutdownHook",
            tx + " { java.lang.Runtime.getRuntime().addShutdownHook(null); }",
            "java/lang/Runtime.addShutdownHook"),
        new Refused(
            "ReadTheEnvironment",
            tx + " { text(c, \"home\").set(System.getenv(\"HOME\")); }",
            "java/lang/System.getenv"),
        new Refused(
            "ReadASystemProperty",
            tx + " { text(c, \"home\").set(System.getProperty(\"user.home\")); }",
            "java/lang/System.getProperty"),
        new Refused(
            "ReplaceSystemOut", tx + " { System.setOut(null); }", "java/lang/System.setOut"),
        new Refused(
            "ReadTheClock",
            tx + " { text(c, \"t\").set(\"\" + System.currentTimeMillis()); }",
            "java/lang/System.currentTimeMillis()J"),
        new Refused(
            "ReadNanoTime",
            tx + " { text(c, \"t\").set(\"\" + System.nanoTime()); }",
            "java/lang/System.nanoTime()J"),
        new Refused(
            "AskInstantNow",
            tx + " { text(c, \"t\").set(java.time.Instant.now().toString()); }",
            "java/time/Instant.now"),
        new Refused(
            "DrawARandomNumber",
            tx + " { text(c, \"r\").set(\"\" + new Random().nextInt()); }",
            "java/util/Random"),
        new Refused(
            "DrawFromThreadLocalRandom",
            tx
                + " { text(c, \"r\").set(\"\" +"
                + " java.util.concurrent.ThreadLocalRandom.current().nextInt()); }",
            "java/util/concurrent/ThreadLocalRandom"),
        new Refused(
            "DrawFromSecureRandom",
            tx + " { new java.security.SecureRandom().nextInt(); }",
            "java/security/SecureRandom"),
        new Refused(
            "GenerateAKeyPair",
            tx + " { io.polyhost.api.crypto.KeyPair.generate(); }",
            "io/polyhost/api/crypto/KeyPair.generate"),
        new Refused(
            "HashByIdentity",
            tx + " { text(c, \"h\").set(\"\" + System.identityHashCode(c)); }",
            "java/lang/System.identityHashCode"),
        new Refused(
            "HashAnEnumByIdentity",
            tx + " { text(c, \"h\").set(\"\" + java.time.DayOfWeek.MONDAY.hashCode()); }",
            "java/time/DayOfWeek.hashCode()I"),
        new Refused(
            "IterateASetOf",
            tx + " { text(c, \"s\").set(Set.of(\"a\", \"b\", \"c\").toString()); }",
            "java/util/Set.of"),
        new Refused(
            "UseFloatingPoint",
            tx + " { text(c, \"f\").set(\"\" + (0.1 + Integer.parseInt(utf8(a)))); }",
            ClassCheck.FLOATING_POINT),
        new Refused(
            "BacktrackARegex",
            tx + " { text(c, \"m\").set(\"\" + utf8(a).matches(\"(a+)+b\")); }",
            "java/lang/String.matches"),
        new Refused(
            "KeepACounterInAStatic",
            "static long calls;\n" + tx + " { calls++; }",
            "escape/keepacounterinastatic/Svc.calls"),
        new Refused(
            "ShareAStaticMapBetweenInstances",
            "static final Map<String, Long> SEEN = new HashMap<>();\n"
                + tx
                + " { SEEN.merge(c.instance().name(), 1L, Long::sum); }",
            "escape/shareastaticmapbetweeninstances/Svc.SEEN:Ljava/util/Map;"),
        new Refused(
            "KeepStateInTheServiceObject",
            "private long calls;\n" + tx + " { calls++; }",
            "escape/keepstateintheserviceobject/Svc.calls:J"),
        new Refused(
            "TakeAMonitor",
            tx + " { synchronized (this) { text(c, \"m\").set(\"x\"); } }",
            "MONITORENTER"),
        new Refused(
            "DeclareASynchronizedMethod",
            tx + " { locked(); }\n public synchronized void locked() {}",
            "synchronized methods"),
        new Refused(
            "WaitForANotify",
            tx + " { this.wait(1); }",
            "java/lang/Object.wait(J)V (" + PolicyRules.THREADS),
        new Refused(
            "ResurrectInAFinalizer",
            tx + " { }\n @SuppressWarnings(\"removal\") protected void finalize() {}",
            "finalizers"),
        new Refused(
            "SwapTheContextClassLoader",
            tx
                + " { Thread.currentThread().getContextClassLoader()"
                + ".loadClass(\"io.polyhost.storage.Fork\"); }",
            "java/lang/Thread.currentThread"),
        new Refused(
            "AskForTheOwnClassLoader",
            tx + " { Svc.class.getClassLoader().loadClass(\"io.polyhost.storage.Fork\"); }",
            "java/lang/Class.getClassLoader"),
        new Refused(
            "SerializeAnObject",
            tx
                + " { new java.io.ObjectOutputStream(new java.io.ByteArrayOutputStream())"
                + ".writeObject(List.of(1)); }",
            "java/io/ObjectOutputStream"),
        new Refused(
            "DeserializeAnObject",
            tx
                + " { new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(a)).readObject(); }",
            "java/io/ObjectInputStream"),
        new Refused(
            "LoadServicesWithServiceLoader",
            tx + " { java.util.ServiceLoader.load(Runnable.class).findFirst(); }",
            "java/util/ServiceLoader"),
        new Refused(
            "DeclareANativeMethod",
            tx + " { escape(); }\n native void escape();",
            "native methods"),
        new Refused(
            "LoadANativeLibrary",
            tx + " { System.loadLibrary(\"escape\"); }",
            "java/lang/System.loadLibrary"),
        new Refused(
            "MapForeignMemory",
            tx + " { java.lang.foreign.Arena.global().allocate(8); }",
            "java/lang/foreign/Arena"),
        new Refused(
            "StartAProcess",
            tx + " { new ProcessBuilder(\"sh\").start(); }",
            "java/lang/ProcessBuilder"),
        new Refused(
            "WatchTheCollector",
            tx + " { new java.lang.ref.WeakReference<Object>(c); }",
            "java/lang/ref/WeakReference"),
        new Refused(
            "ChangeTheDefaultLocale",
            tx + " { Locale.setDefault(Locale.ROOT); }",
            "java/util/Locale.setDefault"),
        new Refused(
            "ThrowAnErrorOfTheJvm",
            tx + " { throw new OutOfMemoryError(); }",
            "java/lang/OutOfMemoryError"),
        new Refused(
            "CatchAStackOverflow",
            tx + " { try { run(c, a); } catch (StackOverflowError e) { } }",
            "java/lang/StackOverflowError"),
        new Refused(
            "DependOnAssertions", tx + " { assert a.length > 0; }", "desiredAssertionStatus"),
        new Refused(
            "InheritParallelStreamFromTheJdk",
            tx
                + " { new Items().parallelStream().count(); }\n"
                + " static final class Items extends ArrayList<String> {}",
            "escape/inheritparallelstreamfromthejdk/Svc$Items.parallelStream"),
        new Refused(
            "BootstrapItsOwnInvokedynamic",
            tx + " { Crafted.run(); }",
            "escape/bootstrapitsowninvokedynamic/Crafted.boot",
            CraftedClasses::ownBootstrap),
        new Refused(
            "ExitWhileLinkingAConstant",
            tx + " { Crafted.run(); }",
            "java/lang/invoke/ConstantBootstraps.invoke",
            CraftedClasses::exitWhileLinking),
        new Refused(
            "LoadAMethodHandleConstant",
            tx + " { Crafted.run(); }",
            "method handle and dynamic constants",
            CraftedClasses::methodHandleConstant));
  }

  /** Runaway code that passes the policy, and how the runtime must stop it. */
  record Stopped(String name, int method, Optional<ErrorCode> error, Class<?> halt) {
    static Stopped failsWith(String name, int method, ErrorCode code) {
      return new Stopped(name, method, Optional.of(code), Void.class);
    }

    static Stopped halts(String name, int method, Class<? extends Throwable> halt) {
      return new Stopped(name, method, Optional.empty(), halt);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Stopped> stoppedAtRunTime() {
    ErrorCode gas = JavaRuntimeError.OUT_OF_GAS;
    ErrorCode deep = JavaRuntimeError.CALL_TOO_DEEP;
    return List.of(
        Stopped.failsWith("LoopForever", 1, gas),
        Stopped.failsWith("RecurseForever", 2, deep),
        Stopped.failsWith("RecurseThroughStreams", 3, deep),
        Stopped.failsWith("SwallowTheStopAndCarryOn", 4, gas),
        Stopped.failsWith("ReturnFromFinallyAfterTheStop", 5, gas),
        Stopped.failsWith("AllocateAHugeArray", 6, gas),
        Stopped.failsWith("AllocateInALoop", 7, gas),
        Stopped.failsWith("DoubleAStringForever", 8, gas),
        Stopped.failsWith("DoubleAStringBuilderForever", 9, gas),
        Stopped.failsWith("SumAnEndlessRange", 10, gas),
        Stopped.failsWith("CloneAnArrayForever", 17, gas),
        Stopped.failsWith("CopyAnArrayForever", 18, gas),
        Stopped.failsWith("CallAStraightLineLambdaFromAJdkLoop", 19, gas),
        Stopped.failsWith("CallAStraightLineMethodReferenceFromAJdkLoop", 20, gas),
        Stopped.failsWith("CatchEverythingAndLoopInCraftedBytecode", 16, gas),
        Stopped.halts("OverflowTheStackInsideTheJdk", 11, StackOverflowError.class),
        Stopped.halts("CatchAnOverflowFromTheJdk", 12, StackOverflowError.class));
  }

  private static final String RUNAWAY =
      MeteringTest.HOSTILE
          + """
            @Transaction(id = 16) public void catchEverythingAndLoop(ExecutionContext c, byte[] a) {
              text(c, "mark").set("dirty");
              Crafted.loop();
            }
          """;

  private static final ArtifactId WITNESS = wallet("1.0.0");
  private static final ArtifactId RUNAWAY_ARTIFACT = ServiceFixture.artifact("escape.runaway");

  TestNode node;
  InstanceSpec witness;
  InstanceSpec runaway;
  Map<String, Map<String, byte[]>> attempts;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    attempts = compileAttempts();
    node = new TestNode(dir);
    node.deploy(WITNESS, FixtureJar.of(WITNESS, FACTORY, Fixtures.walletClasses("one")));
    witness = node.start(1, "witness", WITNESS, "hello");
    assertThat(node.transaction(witness, 0, "7")).isEmpty();

    Map<String, String> stub = CraftedClasses.stub("fixture.svc");
    Map<String, byte[]> classes = new TreeMap<>(ServiceFixture.compile(RUNAWAY, stub));
    classes.put(
        CraftedClasses.entry("fixture.svc"), CraftedClasses.catchEverythingAndLoop("fixture.svc"));
    node.deploy(RUNAWAY_ARTIFACT, ServiceFixture.jar(RUNAWAY_ARTIFACT, classes));
    runaway = node.start(2, "runaway", RUNAWAY_ARTIFACT, "");
    assertThat(node.transaction(runaway, 0, "clean")).isEmpty();
  }

  /** Every refused service compiled in one go, by package: javac is slow to start. */
  private static Map<String, Map<String, byte[]>> compileAttempts() {
    Map<String, String> sources = new HashMap<>();
    for (Refused attempt : refusedAtDeploy()) {
      ServiceFixture.addSources(sources, attempt.pkg(), attempt.body());
      if (attempt.isCrafted()) {
        sources.putAll(CraftedClasses.stub(attempt.pkg()));
      }
    }
    Map<String, byte[]> compiled = FixtureCompiler.compile(sources);
    Map<String, Map<String, byte[]>> byPackage = new HashMap<>();
    for (Refused attempt : refusedAtDeploy()) {
      String prefix = attempt.pkg().replace('.', '/') + "/";
      Map<String, byte[]> classes = new TreeMap<>();
      compiled.forEach((entry, bytes) -> {
        if (entry.startsWith(prefix)) {
          classes.put(entry, bytes);
        }
      });
      if (attempt.isCrafted()) {
        classes.put(CraftedClasses.entry(attempt.pkg()), attempt.crafted().apply(attempt.pkg()));
      }
      byPackage.put(attempt.name(), classes);
    }
    return byPackage;
  }

  @AfterAll
  void close() {
    if (node != null) {
      node.close();
    }
  }

  @AfterEach
  void theNodeIsUnharmed() {
    assertThat(node.number(witness, "balance")).contains(7L);
    assertThat(node.text(runaway, "mark")).contains("clean");
    assertThat(node.transaction(witness, 4, "still here")).isEmpty();
    assertThat(node.text(witness, "echo")).contains("still here");
    assertThat(node.transaction(runaway, 14, "10")).isEmpty();
    assertThat(node.text(runaway, "mark")).contains("sum 45");
    assertThat(node.transaction(runaway, 0, "clean")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedAtDeploy")
  void isRefusedAtDeploy(Refused attempt) {
    ArtifactId artifact = ServiceFixture.artifact(attempt.pkg());
    Map<String, byte[]> classes = java.util.Objects.requireNonNull(attempts.get(attempt.name()));
    FixtureJar jar = FixtureJar.of(artifact, attempt.pkg() + ".SvcFactory", classes);
    ExecutionException refusal =
        node.deployFailure(artifact, jar.writeTo(node.artifacts, attempt.name() + ".jar"));
    ExecutionError error = refusal.error();
    assertThat(error.is(JavaRuntimeError.REFUSED_BYTECODE)).as("%s", error).isTrue();
    assertThat(error.description()).contains(attempt.reported());
    assertThat(node.runtime.isArtifactDeployed(artifact)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stoppedAtRunTime")
  void isStoppedAtRunTime(Stopped attempt) {
    if (attempt.error().isPresent()) {
      Optional<ExecutionError> error = node.transaction(runaway, attempt.method(), "");
      assertThat(error).as(attempt.name()).isPresent();
      assertThat(error.get().is(attempt.error().get())).as("%s", error.get()).isTrue();
    } else {
      assertThatThrownBy(() -> node.transaction(runaway, attempt.method(), ""))
          .isInstanceOf(attempt.halt());
    }
  }

  @org.junit.jupiter.api.Test
  void theSuiteHasAtLeastThirtyAttempts() {
    assertThat(Stream.concat(refusedAtDeploy().stream(), stoppedAtRunTime().stream()))
        .hasSizeGreaterThanOrEqualTo(30);
  }
}
