package io.polyhost.runtime.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.storage.Serializers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles: several modules and a manifest in a folder or a zip, hashed over their contents. */
class BundleTest {
  private static final Map<String, String> TOKEN = new LinkedHashMap<>();

  static {
    TOKEN.put(
        "polyhost-bundle.json",
        "{\"name\": \"token\", \"version\": \"1.2.0\", \"main\": \"src/index.mjs\"}");
    TOKEN.put(
        "src/index.mjs",
        """
        import { add, spin } from './lib/math.mjs';
        import { label } from '../shared/labels.mjs';
        export const artifact = { name: 'token', version: '1.2.0' };
        export const service = { transactions: {
          mint: { id: 0, run(ctx, args) {
            const supply = ctx.storage.entry('supply');
            supply.set(add(supply.get() ?? 0, args.amount));
            ctx.storage.entry('label', { value: 'string' }).set(label(args.amount));
          } },
          spin: { id: 1, run(ctx) { spin(); } },
          escape: { id: 2, run(ctx, path) {
            import(path).then(
              () => ctx.storage.entry('leaked').set(path),
              (e) => ctx.storage.entry('refused', { value: 'string' }).set(String(e)));
          } },
        } };
        """);
    TOKEN.put(
        "src/lib/math.mjs",
        "export function add(a, b) { return a + b; }\nexport function spin() { for (;;) {} }\n");
    TOKEN.put("shared/labels.mjs", "export const label = (n) => 'minted ' + n;\n");
  }

  @TempDir Path dir;
  private JsFixture js;

  @BeforeEach
  void open() {
    js = new JsFixture(dir, new JsLimits(100_000, Duration.ofSeconds(30)));
  }

  @AfterEach
  void close() {
    js.close();
  }

  private Path folder(String name, Map<String, String> files) throws IOException {
    Path root = js.artifacts.resolve(name);
    for (var file : files.entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    return root;
  }

  private Path zip(String name, Map<String, String> files) throws IOException {
    Path zip = js.artifacts.resolve(name);
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("src/"));
      z.closeEntry();
      // Reverse order, a comment and a timestamp: none of it is in the hash.
      var reversed = new java.util.ArrayList<>(files.entrySet());
      java.util.Collections.reverse(reversed);
      for (var file : reversed) {
        ZipEntry entry = new ZipEntry(file.getKey());
        entry.setTime(123_456_789_000L);
        z.putNextEntry(entry);
        z.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
      z.setComment("built by a test");
    }
    return zip;
  }

  /** The bundle hash as the deploy spec documents it, computed independently. */
  private static Hash documentedHash(Map<String, String> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("polyhost.js.bundle.v1\0".getBytes(StandardCharsets.US_ASCII));
    new TreeMap<>(files)
        .forEach((path, content) -> {
          byte[] c = content.getBytes(StandardCharsets.UTF_8);
          bytes.writeBytes(path.getBytes(StandardCharsets.US_ASCII));
          bytes.write(0);
          bytes.writeBytes(ByteBuffer.allocate(8).putLong(c.length).array());
          bytes.writeBytes(c);
        });
    return Hash.sha256(bytes.toByteArray());
  }

  private InstanceSpec start(ArtifactId id) {
    InstanceSpec spec = new InstanceSpec(3, id.name(), id);
    js.services.put(id.name(), spec);
    js.runtime.initiateAddingService(
        js.context(spec, Caller.Blockchain.INSTANCE, null), id, new byte[0]);
    js.status(spec, InstanceStatus.ACTIVE);
    return spec;
  }

  @Test
  void aFolderBundleImportsItsModules() throws Exception {
    Path bundle = folder("token-1.2.0", TOKEN);
    JsDeploySpec spec = JsDeploySpec.of(bundle);
    assertThat(spec.kind()).isEqualTo(JsDeploySpec.Kind.BUNDLE_FOLDER);
    assertThat(spec.sha256()).isEqualTo(documentedHash(TOKEN));
    ArtifactId id = JsFixture.id("token", "1.2.0");
    js.deploy(id, spec.toBytes());
    InstanceSpec token = start(id);
    js.execute(token, 0, "{\"amount\": 5}");
    js.execute(token, 0, "{\"amount\": 7}");
    assertThat(js.data(token).entry("supply", Serializers.string()).get()).contains("12");
    assertThat(js.data(token).entry("label", Serializers.string()).get()).contains("minted 7");
    // Gas counts the statements of every module of the bundle.
    assertThatThrownBy(() -> js.execute(token, 1, ""))
        .isInstanceOfSatisfying(
            ExecutionException.class, e -> assertThat(e.error().is(JsError.OUT_OF_GAS)).isTrue());
    // Imports resolve in the bundle only: the node's files are not there to import.
    for (String path :
        new String[] {"/etc/passwd", "../../../etc/hostname", "file:///etc/passwd"}) {
      js.execute(token, 2, "\"" + path + "\"", "import " + path);
      assertThat(js.data(token).entry("leaked", Serializers.string()).get()).isEmpty();
      assertThat(js.data(token).entry("refused", Serializers.string()).get())
          .hasValueSatisfying(e -> assertThat(e).contains("Error"));
    }
    // While a sibling is importable dynamically too.
    js.execute(token, 2, "\"./lib/math.mjs\"", "import sibling");
    assertThat(js.data(token).entry("leaked", Serializers.string()).get())
        .contains("\"./lib/math.mjs\"");
  }

  @Test
  void aZipHasTheHashOfItsFolderAndDeploysAlike() throws Exception {
    Path zip = zip("token-1.2.0.zip", TOKEN);
    JsDeploySpec spec = JsDeploySpec.of(zip);
    assertThat(spec.kind()).isEqualTo(JsDeploySpec.Kind.BUNDLE_ZIP);
    assertThat(spec.sha256()).isEqualTo(documentedHash(TOKEN));
    ArtifactId id = JsFixture.id("token", "1.2.0");
    js.deploy(id, spec.toBytes());
    InstanceSpec token = start(id);
    js.execute(token, 0, "{\"amount\": 3}");
    assertThat(js.data(token).entry("supply", Serializers.string()).get()).contains("3");
  }

  @Test
  void theHashCoversEveryPathAndByte() throws Exception {
    Hash original = documentedHash(TOKEN);
    Map<String, String> changed = new LinkedHashMap<>(TOKEN);
    changed.put("shared/labels.mjs", "export const label = (n) => 'minted ' + (n + 1);\n");
    assertThat(documentedHash(changed)).isNotEqualTo(original);
    Map<String, String> renamed = new LinkedHashMap<>(TOKEN);
    renamed.put("shared/labels2.mjs", renamed.remove("shared/labels.mjs"));
    assertThat(documentedHash(renamed)).isNotEqualTo(original);

    // A bundle changed after the network agreed on it is refused before it is evaluated.
    Path bundle = folder("token-1.2.0", TOKEN);
    byte[] agreed = JsDeploySpec.of(bundle).toBytes();
    Files.writeString(bundle.resolve("extra.mjs"), "throw new Error('evaluated');\n");
    assertError(
        () -> js.deploy(JsFixture.id("token", "1.2.0"), agreed),
        JsError.ARTIFACT_HASH_MISMATCH,
        "differs from the one the network agreed on");
  }

  @Test
  void theManifestMustNameTheArtifactAndItsMain() throws Exception {
    assertInvalid(
        "nomanifest", without(TOKEN, "polyhost-bundle.json"), "has no polyhost-bundle.json");
    assertInvalid("notjson", with(TOKEN, "polyhost-bundle.json", "{name: token"), "is not JSON");
    assertInvalid(
        "nomain",
        with(TOKEN, "polyhost-bundle.json", "{\"name\": \"token\", \"version\": \"1.2.0\"}"),
        "needs \"main\" as a string");
    assertInvalid(
        "othername",
        with(
            TOKEN,
            "polyhost-bundle.json",
            "{\"name\": \"coin\", \"version\": \"1.2.0\", \"main\": \"src/index.mjs\"}"),
        "declares artifact coin 1.2.0, but token 1.2.0 was requested");
    assertInvalid(
        "missingmain",
        with(
            TOKEN,
            "polyhost-bundle.json",
            "{\"name\": \"token\", \"version\": \"1.2.0\", \"main\": \"src/main.mjs\"}"),
        "'src/main.mjs' is not a .mjs file of the bundle");
    assertInvalid(
        "badimport",
        with(TOKEN, "shared/labels.mjs", "import '/etc/passwd';\nexport const label = (n) => n;\n"),
        "failed to load");
  }

  @Test
  void bundlesHoldPlainFilesWithPlainNames() throws Exception {
    Path hidden = folder("hidden", with(TOKEN, ".secret", "x"));
    assertThatThrownBy(() -> JsDeploySpec.of(hidden))
        .hasMessageContaining("'.secret' is not a valid bundle path");
    Path linked = folder("linked", TOKEN);
    Files.createSymbolicLink(linked.resolve("passwd.mjs"), Path.of("/etc/passwd"));
    assertThatThrownBy(() -> JsDeploySpec.of(linked)).hasMessageContaining("is a symbolic link");
    Path sneaky = zip("sneaky.zip", with(TOKEN, "../outside.mjs", "export {};"));
    assertThatThrownBy(() -> JsDeploySpec.of(sneaky))
        .hasMessageContaining("'../outside.mjs' is not a valid bundle path");
    assertThatThrownBy(() -> new JsDeploySpec("token.js", Hash.zero()))
        .hasMessageContaining(
            "ES module ending in .mjs, a bundle zip ending in .zip or a bundle folder");
    assertError(
        () ->
            js.deploy(
                JsFixture.id("token", "1.2.0"), new JsDeploySpec("absent", Hash.zero()).toBytes()),
        JsError.ARTIFACT_NOT_FOUND,
        "no bundle absent");
  }

  private void assertInvalid(String name, Map<String, String> files, String message)
      throws IOException {
    Path bundle = folder(name, files);
    byte[] spec = JsDeploySpec.of(bundle).toBytes();
    assertError(
        () -> js.deploy(JsFixture.id("token", "1.2.0"), spec), JsError.ARTIFACT_INVALID, message);
  }

  private static Map<String, String> with(Map<String, String> files, String path, String content) {
    Map<String, String> copy = new LinkedHashMap<>(files);
    copy.put(path, content);
    return copy;
  }

  private static Map<String, String> without(Map<String, String> files, String path) {
    Map<String, String> copy = new LinkedHashMap<>(files);
    copy.remove(path);
    return copy;
  }

  private static void assertError(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ExecutionException.class, e -> assertThat(e.error().is(code)).as("%s", e).isTrue())
        .hasMessageContaining(message);
  }
}
