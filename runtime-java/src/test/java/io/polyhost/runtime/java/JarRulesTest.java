package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.Fixtures.FACTORY;
import static io.polyhost.runtime.java.Fixtures.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.service.ArtifactManifest;
import io.polyhost.api.service.JavaArtifactSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of malformed artifact is refused at deploy, with its reason, before it loads. */
class JarRulesTest {
  private static final ArtifactId WALLET = wallet("1.0.0");
  private static final byte[] ELF = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};

  @TempDir Path dir;
  TestNode node;

  @BeforeEach
  void start() throws Exception {
    node = new TestNode(dir);
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private static FixtureJar good() {
    return FixtureJar.of(WALLET, FACTORY, Fixtures.walletClasses("one"));
  }

  private void assertRefused(FixtureJar jar, ErrorCode code, String... reason) {
    assertRefused(node, jar, code, reason);
  }

  private static void assertRefused(
      TestNode node, FixtureJar jar, ErrorCode code, String... reason) {
    ExecutionException e = node.deployFailure(WALLET, jar);
    assertThat(e.error().kind()).isEqualTo(ErrorKind.RUNTIME);
    assertThat(e.error().is(code)).as("%s", e.error()).isTrue();
    assertThat(e.error().description()).contains(reason);
  }

  @Test
  void theGoodJarDeploys() {
    node.deploy(WALLET, good());
  }

  @Test
  void classPathIsRefused() {
    assertRefused(
        good().attribute("Class-Path", "lib/dep.jar"), JavaRuntimeError.INVALID_JAR, "Class-Path");
  }

  @Test
  void multiReleaseIsRefused() {
    assertRefused(
        good().attribute("Multi-Release", "true"), JavaRuntimeError.INVALID_JAR, "Multi-Release");
    assertRefused(
        good().entry("META-INF/versions/21/fixture/wallet/Marker.class", new byte[] {1}),
        JavaRuntimeError.INVALID_JAR,
        "META-INF/versions/21",
        "multi-release");
  }

  @Test
  void nestedArchivesAreRefusedByNameAndByContent() {
    byte[] nested = good().bytes();
    assertRefused(
        good().entry("lib/dep.jar", nested), JavaRuntimeError.INVALID_JAR, "lib/dep.jar", "nested");
    assertRefused(
        good().entry("data/blob.bin", nested),
        JavaRuntimeError.INVALID_JAR,
        "data/blob.bin",
        "nested archive");
  }

  @Test
  void nativeLibrariesAreRefusedByNameAndByContent() {
    assertRefused(
        good().entry("native/libcrypto.so.3", new byte[] {1}),
        JavaRuntimeError.INVALID_JAR,
        "libcrypto.so.3",
        "native");
    assertRefused(
        good().entry("native/win.dll", new byte[] {1}), JavaRuntimeError.INVALID_JAR, "native");
    assertRefused(
        good().entry("data/tool.bin", ELF), JavaRuntimeError.INVALID_JAR, "tool.bin", "native");
  }

  @ParameterizedTest
  @CsvSource({
    "io/polyhost/api/service/Service.class",
    "io/polyhost/storage/Fork.class",
    "io/polyhost/runtime/java/Sneaky.class",
    "com/google/protobuf/Message.class",
    "java/lang/Evil.class"
  })
  void classesInHostPackagesAreRefused(String entry) {
    assertRefused(
        good()
            .entry(
                entry,
                java.util.Objects.requireNonNull(
                    Fixtures.walletClasses("one").get("fixture/wallet/Marker.class"))),
        JavaRuntimeError.INVALID_JAR,
        entry,
        "belongs to the host");
  }

  @Test
  void moduleInfoIsRefused() {
    assertRefused(
        good().entry("module-info.class", new byte[] {1}),
        JavaRuntimeError.INVALID_JAR,
        "module-info");
  }

  @ParameterizedTest
  @CsvSource({
    "../evil.txt",
    "/etc/passwd",
    "a/../../b.txt",
    "a\\b.txt",
    "C:/x.txt",
    "a//b.txt",
    "./a.txt"
  })
  void unsafeEntryNamesAreRefused(String name) {
    assertRefused(
        good().entry(name, new byte[] {1}), JavaRuntimeError.INVALID_JAR, name, "could escape");
  }

  @Test
  void aZipBombIsRefusedByItsCompressionRatio() {
    byte[] zeros = new byte[4 << 20];
    assertRefused(
        good().entry("data/zeros.bin", zeros),
        JavaRuntimeError.INVALID_JAR,
        "data/zeros.bin",
        "zip bomb");
  }

  @Test
  void oversizedEntriesJarsAndTotalsAreRefused() throws Exception {
    byte[] noise = new byte[20_000];
    new Random(42).nextBytes(noise);
    try (TestNode small =
        new TestNode(dir.resolve("entry"), new JarLimits(1 << 20, 100, 10_000, 1 << 20, 100))) {
      assertRefused(
          small,
          good().entry("data/noise.bin", noise),
          JavaRuntimeError.INVALID_JAR,
          "data/noise.bin",
          "more than 10000 bytes");
    }
    try (TestNode small =
        new TestNode(dir.resolve("total"), new JarLimits(1 << 20, 100, 30_000, 50_000, 100))) {
      assertRefused(
          small,
          good().entry("a.bin", noise).entry("b.bin", noise).entry("c.bin", noise),
          JavaRuntimeError.INVALID_JAR,
          "more than 50000 bytes");
    }
    try (TestNode small =
        new TestNode(dir.resolve("count"), new JarLimits(1 << 20, 5, 30_000, 1 << 20, 100))) {
      assertRefused(small, good(), JavaRuntimeError.INVALID_JAR, "more than 5 entries");
    }
    try (TestNode small =
        new TestNode(dir.resolve("file"), new JarLimits(10_000, 100, 10_000, 1 << 20, 100))) {
      assertRefused(
          small,
          good().entry("data/noise.bin", noise),
          JavaRuntimeError.INVALID_JAR,
          "larger than 10000 bytes");
    }
  }

  @Test
  void aHashMismatchIsRefusedBeforeTheJarIsRead() throws Exception {
    byte[] bytes = "not even a zip".getBytes(StandardCharsets.UTF_8);
    Files.write(node.artifacts.resolve("w.jar"), bytes);
    byte[] spec = new JavaArtifactSpec("w.jar", Hash.sha256(new byte[] {1})).toBytes();
    ExecutionException e = node.deployFailure(WALLET, spec);
    assertThat(e.error().is(JavaRuntimeError.HASH_MISMATCH)).isTrue();
    assertThat(e.error().description()).contains(Hash.sha256(bytes).toHex(), "not the JAR");
  }

  @Test
  void missingFilesMalformedSpecsAndNonJarsAreRefused() throws Exception {
    ExecutionException missing =
        node.deployFailure(WALLET, new JavaArtifactSpec("absent.jar", Hash.zero()).toBytes());
    assertThat(missing.error().is(JavaRuntimeError.ARTIFACT_NOT_FOUND)).isTrue();
    assertThat(missing.error().description()).contains("absent.jar", "copy the JAR");

    ExecutionException malformed = node.deployFailure(WALLET, new byte[] {(byte) 0xff, 1});
    assertThat(malformed.error().is(JavaRuntimeError.MALFORMED_DEPLOY_SPEC)).isTrue();

    byte[] garbage = "not even a zip".getBytes(StandardCharsets.UTF_8);
    Files.write(node.artifacts.resolve("g.jar"), garbage);
    ExecutionException notAJar =
        node.deployFailure(WALLET, new JavaArtifactSpec("g.jar", Hash.sha256(garbage)).toBytes());
    assertThat(notAJar.error().is(JavaRuntimeError.INVALID_JAR)).isTrue();
    assertThat(notAJar.error().description()).contains("not a JAR");

    assertRefused(
        good().withoutManifest(), JavaRuntimeError.INVALID_JAR, "no META-INF/MANIFEST.MF");
  }

  @Test
  void theManifestMustDeclareTheDeployedArtifact() {
    assertRefused(
        good().attribute(ArtifactManifest.ARTIFACT_VERSION, "1.0.1"),
        JavaRuntimeError.INVALID_MANIFEST,
        "fixture.wallet:1.0.1",
        "deployed as 1:fixture.wallet:1.0.0");
    assertRefused(
        good().attribute(ArtifactManifest.ARTIFACT_NAME, "other"),
        JavaRuntimeError.INVALID_MANIFEST,
        "'other:1.0.0'");
    assertRefused(
        good().attribute(ArtifactManifest.RUNTIME, "js"),
        JavaRuntimeError.INVALID_MANIFEST,
        "'js'");
    assertRefused(
        good().attribute(ArtifactManifest.SERVICE_FACTORY, null),
        JavaRuntimeError.INVALID_MANIFEST,
        "lacks the attribute Polyhost-Service-Factory");
    assertRefused(
        good().attribute(ArtifactManifest.API_VERSION_RANGE, "^2.0"),
        JavaRuntimeError.INCOMPATIBLE_API,
        "'^2.0'",
        "1.0.0");
  }

  @Test
  void theFactoryMustBeAServiceFactoryInTheJar() {
    assertRefused(
        good().attribute(ArtifactManifest.SERVICE_FACTORY, "fixture.wallet.Missing"),
        JavaRuntimeError.INVALID_SERVICE,
        "no such class");
    assertRefused(
        good().attribute(ArtifactManifest.SERVICE_FACTORY, "fixture.wallet.NotAFactory"),
        JavaRuntimeError.INVALID_SERVICE,
        "does not implement io.polyhost.api.service.ServiceFactory");
    assertRefused(
        good().attribute(ArtifactManifest.SERVICE_FACTORY, "io.polyhost.storage.Fork"),
        JavaRuntimeError.INVALID_MANIFEST,
        "names a host class");
    assertRefused(
        good().attribute(ArtifactManifest.SERVICE_FACTORY, "fixture.wallet.Broken"),
        JavaRuntimeError.INVALID_SERVICE,
        "another transaction method has id 1");
  }

  @Test
  void aClassThatCannotBeLoadedIsRefusedWithTheJvmsReasonWhicheverThreadMetItFirst() {
    // fixture.wallet.Shape is compiled as an interface and Square against it, then Shape is
    // replaced by a class: defining Square fails, first while the classes are linked on all cores
    // and then again, reported, when they are initialized in name order.
    Map<String, byte[]> square =
        FixtureCompiler.compile(
            Map.of(
                "fixture.wallet.Shape", "package fixture.wallet; public interface Shape {}",
                "fixture.wallet.Square",
                    "package fixture.wallet; public final class Square implements Shape {}"));
    Map<String, byte[]> shapeAsClass =
        FixtureCompiler.compile(
            Map.of("fixture.wallet.Shape", "package fixture.wallet; public class Shape {}"));
    for (int attempt = 0; attempt < 3; attempt++) {
      assertRefused(
          good()
              .entry(
                  "fixture/wallet/Square.class",
                  java.util.Objects.requireNonNull(square.get("fixture/wallet/Square.class")))
              .entry(
                  "fixture/wallet/Shape.class",
                  java.util.Objects.requireNonNull(shapeAsClass.get("fixture/wallet/Shape.class"))),
          JavaRuntimeError.INVALID_SERVICE,
          "java.lang.IncompatibleClassChangeError",
          "fixture.wallet.Square");
    }
  }

  @Test
  void anArtifactOfAnotherRuntimeIsRefused() {
    ArtifactId js = new ArtifactId(2, "fixture.wallet", WALLET.version());
    ExecutionException e = node.deployFailure(js, good().writeTo(node.artifacts, "w.jar"));
    assertThat(e.error().is(JavaRuntimeError.WRONG_RUNTIME)).isTrue();
  }

  @Test
  void aRefusedDeployCanBeRetriedWithTheRightJar() {
    assertRefused(
        good().attribute("Class-Path", "x.jar"), JavaRuntimeError.INVALID_JAR, "Class-Path");
    node.deploy(WALLET, good());
    assertThat(node.runtime.serviceInterface(WALLET)).isPresent();
  }

  @Test
  void codeBreakingTheBytecodePolicyIsRefusedWithEveryViolation() {
    java.util.Map<String, byte[]> classes = new java.util.TreeMap<>(Fixtures.walletClasses("one"));
    classes.putAll(
        FixtureCompiler.compile(
            java.util.Map.of(
                "fixture.wallet.Sneaky",
                """
                package fixture.wallet;
                public final class Sneaky {
                  static long calls;
                  public static long now() {
                    calls++;
                    return System.nanoTime();
                  }
                  public static void leave() { System.exit(1); }
                }
                """)));
    ExecutionException e = node.deployFailure(WALLET, FixtureJar.of(WALLET, FACTORY, classes));
    assertThat(e.error().is(JavaRuntimeError.REFUSED_BYTECODE)).as("%s", e.error()).isTrue();
    assertThat(e.error().description())
        .contains(
            "in 3 places",
            "fixture.wallet.Sneaky.now()J line 5: fixture/wallet/Sneaky.calls",
            "fixture.wallet.Sneaky.now()J line 6: java/lang/System.nanoTime()J",
            "fixture.wallet.Sneaky.leave()V line 8: java/lang/System.exit(I)V");
    assertThat(node.runtime.isArtifactDeployed(WALLET)).isFalse();
  }
}
