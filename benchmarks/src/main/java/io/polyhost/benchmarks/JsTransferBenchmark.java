package io.polyhost.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same JavaScript service logic ({@code js/transfer-logic.mjs}: wallet transfers over an
 * in-memory map of JSON values) on GraalJS, in a context configured like the JavaScript runtime's
 * (CONSTRAINED sandbox, strict mode, a statement limit refilled per call), on Truffle's interpreter
 * and on its optimizing runtime. {@code js/node-transfer-bench.mjs} measures the same logic on
 * Node.js. Score: transfers per second.
 *
 * <p>The optimizing fork needs the Graal compiler jars in {@code runtime-js/target/jvmci} (the
 * runtime-js build copies them) and must run from the repository root, as {@code scripts/bench}
 * does.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
public class JsTransferBenchmark {
  static final int BATCH = 10_000;

  /** Truffle's fallback runtime: the interpreter only. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Fork(
      value = 1,
      jvmArgsAppend = {
        "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow",
        "-Duser.timezone=UTC",
        "-Dpolyglot.engine.WarnInterpreterOnly=false"
      })
  public int interpreter(Bank bank) {
    return bank.run();
  }

  /** Truffle's optimizing runtime: the Graal compiler through JVMCI. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Fork(
      value = 1,
      jvmArgsAppend = {
        "-XX:+UnlockExperimentalVMOptions",
        "-XX:+EnableJVMCI",
        "--upgrade-module-path=runtime-js/target/jvmci",
        "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow",
        "-Duser.timezone=UTC"
      })
  public int optimized(Bank bank) {
    return bank.run();
  }

  /** A sandboxed context with the logic loaded and a bank of 1,000 wallets. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // JMH calls @Setup before any benchmark method
  public static class Bank {
    Engine engine;
    Context context;
    Value transfers;
    Value bank;
    int seed = 1;

    @Setup
    public void open() {
      engine =
          Engine.newBuilder("js")
              .sandbox(SandboxPolicy.CONSTRAINED)
              .out(OutputStream.nullOutputStream())
              .err(OutputStream.nullOutputStream())
              .build();
      System.out.println("Truffle runtime: " + engine.getImplementationName());
      context =
          Context.newBuilder("js")
              .engine(engine)
              .sandbox(SandboxPolicy.CONSTRAINED)
              .allowHostAccess(HostAccess.CONSTRAINED)
              .out(OutputStream.nullOutputStream())
              .err(OutputStream.nullOutputStream())
              .option("js.strict", "true")
              .option("js.ecmascript-version", "2024")
              .option("js.allow-eval", "false")
              .option("js.esm-eval-returns-exports", "true")
              .resourceLimits(ResourceLimits.newBuilder().statementLimit(1L << 40, null).build())
              .build();
      Value exports = context.eval(module("js/transfer-logic.mjs"));
      transfers = exports.getMember("transfers");
      bank = exports.getMember("makeBank").execute();
    }

    int run() {
      context.resetLimits();
      return transfers.execute(bank, BATCH, seed++).asInt();
    }

    @TearDown
    public void close() {
      context.close();
      engine.close();
    }
  }

  static Source module(String resource) {
    try (InputStream in =
        JsTransferBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Source.newBuilder("js", text, resource.substring(resource.lastIndexOf('/') + 1))
          .mimeType("application/javascript+module")
          .buildLiteral();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
