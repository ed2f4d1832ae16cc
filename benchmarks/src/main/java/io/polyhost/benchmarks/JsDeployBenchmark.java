package io.polyhost.benchmarks;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.api.runtime.Version;
import io.polyhost.runtime.js.JsDeploySpec;
import io.polyhost.runtime.js.JsRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Deploying a JavaScript artifact (a 40-line wallet module): read, hash, evaluate in a sandboxed
 * context, read its exports. {@code firstOnRunningNode}: the wallet's deploy in a fresh JVM whose
 * runtime has started and warmed up (shown by a tiny artifact deployed beforehand), as when a
 * running node deploys a JavaScript artifact for the first time; {@code coldWithEngine}: creating
 * the runtime in a fresh JVM and deploying at once (so after its warm-up); {@code warm}: another
 * artifact into a runtime that has deployed many.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow",
      "-Duser.timezone=UTC",
      "-Dpolyglot.engine.WarnInterpreterOnly=false"
    })
public class JsDeployBenchmark {
  static final String WALLET =
      """
      export const service = {
        initialize(ctx, params) { ctx.storage.entry('config').set({ fee: params?.fee ?? 0 }); },
        configure: {
          verify(ctx, config) {
            if (!Number.isInteger(config.fee) || config.fee < 0) throw new ExecutionError(10, 'fee');
          },
          apply(ctx, config) { ctx.storage.entry('config').set({ fee: config.fee }); },
        },
        endpoints: { public: { wallet(ctx, q) { return ctx.storage.proofMap('wallets').get(q.owner); } } },
        transactions: {
          create: { id: 0, run(ctx, args) {
            const wallets = ctx.storage.proofMap('wallets');
            if (wallets.has(args.owner)) throw new ExecutionError(1, 'exists');
            wallets.put(args.owner, { balance: args.amount, transfers: 0 });
          } },
          transfer: { id: 1, run(ctx, args) {
            const wallets = ctx.storage.proofMap('wallets');
            const from = wallets.get(args.from), to = wallets.get(args.to);
            if (from === undefined || to === undefined) throw new ExecutionError(2, 'no such wallet');
            if (from.balance < args.amount) throw new ExecutionError(3, 'insufficient funds');
            wallets.put(args.from, { balance: from.balance - args.amount, transfers: from.transfers + 1 });
            wallets.put(args.to, { balance: to.balance + args.amount, transfers: to.transfers + 1 });
            ctx.storage.list('history').push({ from: args.from, to: args.to, amount: args.amount });
          } },
        },
      };
      """;

  /** The wallet's deploy in a fresh JVM, into a runtime that has started and warmed up. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Fork(10)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public void firstOnRunningNode(RunningNode node) {
    node.artifacts.deployNext();
  }

  /** Creating the runtime (GraalJS engine) and the first deploy, in a fresh JVM. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Fork(10)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public void coldWithEngine(EmptyDirectory files) {
    try (JsRuntime runtime = new JsRuntime(files.dir)) {
      Artifacts.deploy(runtime, files.dir, 0);
    }
  }

  /** Another artifact into a runtime that has deployed many. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 5, time = 2)
  @Measurement(iterations = 5, time = 2)
  public void warm(Artifacts artifacts) {
    artifacts.deployNext();
  }

  /** An artifacts directory. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // JMH calls @Setup before any benchmark method
  public static class EmptyDirectory {
    Path dir;

    @Setup
    public void create() throws IOException {
      dir = Files.createTempDirectory("polyhost-js-deploy-");
    }
  }

  /** A runtime that has deployed a tiny artifact, so its start-up work is behind it. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // JMH calls @Setup before any benchmark method
  public static class RunningNode {
    Artifacts artifacts;

    @Setup(Level.Trial)
    public void open(Artifacts artifacts) throws IOException {
      this.artifacts = artifacts;
      Path tiny =
          Files.writeString(
              artifacts.dir.resolve("tiny.mjs"),
              "export const artifact = { name: 'tiny', version: '1.0.0' };\n"
                  + "export const service = {};\n");
      artifacts
          .runtime
          .deployArtifact(
              new ArtifactId(RuntimeId.JAVASCRIPT, "tiny", Version.parse("1.0.0")),
              JsDeploySpec.of(tiny).toBytes())
          .toCompletableFuture()
          .join();
    }
  }

  /** A runtime and a supply of fresh artifact versions to deploy. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // JMH calls @Setup before any benchmark method
  public static class Artifacts {
    Path dir;
    JsRuntime runtime;
    int next;

    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = Files.createTempDirectory("polyhost-js-deploy-");
      runtime = new JsRuntime(dir);
    }

    void deployNext() {
      deploy(runtime, dir, next++);
    }

    static void deploy(JsRuntime runtime, Path dir, int n) {
      String version = "1.0." + n;
      Path file = dir.resolve("wallet-" + version + ".mjs");
      try {
        Files.writeString(
            file,
            "export const artifact = { name: 'wallet', version: '" + version + "' };\n" + WALLET);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      ArtifactId id = new ArtifactId(RuntimeId.JAVASCRIPT, "wallet", Version.parse(version));
      runtime.deployArtifact(id, JsDeploySpec.of(file).toBytes()).toCompletableFuture().join();
    }

    @TearDown
    public void close() {
      runtime.close();
    }
  }
}
