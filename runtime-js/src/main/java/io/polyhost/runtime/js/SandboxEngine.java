package io.polyhost.runtime.js;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Instrument;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one GraalJS engine of a runtime and the recipe for every context built on it.
 *
 * <p>Sharing the engine shares parsed code between contexts (2–4 ms per context instead of ~30,
 * graaljs.md §3). Every context gets the same sandbox: {@link SandboxPolicy#CONSTRAINED}, host
 * access to exported members only, no IO, host classes, threads, native code, environment or other
 * languages (the CONSTRAINED defaults), no {@code eval}, and a statement limit as gas.
 */
final class SandboxEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxEngine.class);

  /** Makes the engine's own clock read 0 forever (graaljs.md §5); the prelude supplies time. */
  private static final String FROZEN_TIMER = Long.toString(Long.MAX_VALUE);

  /** Names the runtime's own scripts; artifact file names cannot contain a slash. */
  private static final String INTERNAL_PREFIX = "polyhost/";

  private final Engine engine;
  private final ExecutorService preparer =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().daemon().name("polyhost-js-prepare").unstarted(r));
  private final Source prelude = script("prelude.js");
  private final Source serviceApi = script("service-api.js");
  private final Source lockdown = script("lockdown.js");

  SandboxEngine() {
    this.engine =
        Engine.newBuilder("js")
            .sandbox(SandboxPolicy.CONSTRAINED)
            .out(OutputStream.nullOutputStream())
            .err(OutputStream.nullOutputStream())
            .build();
    watchStacks(engine);
    String runtime = engine.getImplementationName();
    if (runtime.equals("Interpreted")) {
      LOG.info(
          "GraalJS {} runs on the fallback Truffle runtime (interpreter only); the optimizing"
              + " runtime needs -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI and the compiler"
              + " jars on --upgrade-module-path",
          engine.getVersion());
    } else {
      LOG.info(
          "GraalJS {} runs on the optimizing Truffle runtime '{}'", engine.getVersion(), runtime);
    }
  }

  /**
   * Switches {@link StackWatch} on for every context of {@code engine}. Without it a caught stack
   * overflow could make nodes disagree, so a runtime without it refuses to start.
   */
  private static void watchStacks(Engine engine) {
    Instrument watch = engine.getInstruments().get(StackWatch.ID);
    if (watch == null || watch.lookup(StackWatch.Active.class) == null) {
      engine.close();
      throw new IllegalStateException(
          "The JavaScript runtime's stack watch (Truffle instrument "
              + StackWatch.ID
              + ") is not installed: META-INF/services of polyhost-runtime-js must be on the"
              + " class path");
    }
  }

  /** Where contexts are built ahead of need ({@link SpareGuest}). */
  Executor preparer() {
    return preparer;
  }

  /** Builds and drops one context with a trivial module, so the JVM compiles Truffle's paths. */
  void warmUp() {
    try (Guest guest =
        Guest.open(
            this,
            "warm-up",
            new JsCode(
                Source.newBuilder("js", "export const service = {};\n", "warm-up.mjs")
                    .mimeType("application/javascript+module")
                    .buildLiteral(),
                Optional.empty()),
            1_000_000)) {
      LOG.debug("Warmed up the JavaScript engine: {}", guest.exports());
    } catch (PolyglotException e) {
      // Interrupted or cancelled: the runtime is closing before the warm-up ended.
      if (e.isInterrupted() || e.isCancelled()) {
        LOG.debug("Warming up the JavaScript engine stopped: {}", e.toString());
      } else {
        LOG.warn("Warming up the JavaScript engine failed: {}", e.toString());
      }
    }
  }

  /** The Truffle runtime's name: {@code Interpreted} or e.g. {@code GraalVM CE}. */
  String runtimeName() {
    return engine.getImplementationName();
  }

  /**
   * A fresh context whose guest output goes to the log tagged {@code tag}. {@code gasExhausted} is
   * set when the statement limit fires, so the caller can tell gas from other cancellations; {@code
   * files} are a bundle's, the only files the context can read.
   */
  Context newContext(
      String tag,
      long statementLimit,
      AtomicBoolean gasExhausted,
      Optional<BundleFileSystem> files) {
    OutputStream out = new GuestLog(tag, false);
    OutputStream err = new GuestLog(tag, true);
    // A bundle's imports resolve in its own files only; a single module gets no file system.
    IOAccess io =
        files.map(fs -> IOAccess.newBuilder().fileSystem(fs).build()).orElse(IOAccess.NONE);
    return Context.newBuilder("js")
        .engine(engine)
        .sandbox(SandboxPolicy.CONSTRAINED)
        .allowHostAccess(HostAccess.CONSTRAINED)
        .allowIO(io)
        .out(out)
        .err(err)
        .option("js.strict", "true")
        .option("js.ecmascript-version", "2024")
        .option("js.allow-eval", "false")
        .option("js.load", "false")
        .option("js.print", "false")
        .option("js.graal-builtin", "false")
        .option("js.locale", "en-US")
        .option("js.timer-resolution", FROZEN_TIMER)
        .option("js.esm-eval-returns-exports", "true")
        .resourceLimits(
            ResourceLimits.newBuilder()
                .statementLimit(statementLimit, SandboxEngine::isServiceCode)
                .onLimit(event -> gasExhausted.set(true))
                .build())
        .build();
  }

  /**
   * Gas counts the service's own statements only: the runtime's scripts (prelude, lockdown, service
   * API) do bounded work and would otherwise make gas depend on the runtime's version.
   */
  static boolean isServiceCode(Source source) {
    return !source.getName().startsWith(INTERNAL_PREFIX);
  }

  Source prelude() {
    return prelude;
  }

  Source serviceApi() {
    return serviceApi;
  }

  Source lockdown() {
    return lockdown;
  }

  /** Stops preparing contexts and closes the engine, cancelling whatever still runs on it. */
  @Override
  public void close() {
    preparer.shutdownNow();
    try {
      preparer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engine.close(true);
  }

  private static Source script(String name) {
    try (InputStream in = SandboxEngine.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name + " in the runtime-js jar");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Source.newBuilder("js", text, INTERNAL_PREFIX + name).buildLiteral();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name + " from the runtime-js jar", e);
    }
  }
}
