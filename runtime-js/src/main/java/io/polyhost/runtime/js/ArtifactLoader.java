package io.polyhost.runtime.js;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.service.JsonStrings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipException;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

/**
 * Finds, checks and validates a JavaScript artifact: the module file or bundle named by the deploy
 * spec, its hash (before a byte of it is evaluated), its encoding and a bundle's manifest, and then
 * — in a throw-away sandboxed context — its syntax, its top-level code, its {@code artifact}
 * declaration and its exports.
 */
final class ArtifactLoader {
  /** The largest artifact file accepted. */
  static final long MAX_FILE_SIZE = 8L * 1024 * 1024;

  private static final String MODULE_MIME = "application/javascript+module";

  private final Path directory;
  private final SandboxEngine engine;
  private final long statementLimit;

  ArtifactLoader(Path directory, SandboxEngine engine, long statementLimit) {
    this.directory = directory;
    this.engine = engine;
    this.statementLimit = statementLimit;
  }

  /**
   * Loads {@code id} as {@code specBytes} describes it.
   *
   * @throws ExecutionException with a {@link JsError} saying what is wrong
   */
  JsArtifact load(ArtifactId id, byte[] specBytes) {
    if (id.runtimeId() != RuntimeId.JAVASCRIPT) {
      throw JsError.ARTIFACT_INVALID.exception(
          "Artifact "
              + id
              + " is not for the JavaScript runtime (id "
              + RuntimeId.JAVASCRIPT
              + ")");
    }
    JsDeploySpec spec;
    try {
      spec = JsDeploySpec.parse(specBytes);
    } catch (IllegalArgumentException e) {
      throw JsError.MALFORMED_DEPLOY_SPEC.exception(
          "Deploy spec of " + id + " is malformed: " + e.getMessage());
    }
    JsCode code = spec.kind() == JsDeploySpec.Kind.MODULE ? module(id, spec) : bundle(id, spec);
    try (Guest guest = Guest.open(engine, id.toString(), code, statementLimit)) {
      return ServiceShape.read(id, code, guest.exports());
    } catch (PolyglotException e) {
      String why =
          e.isSyntaxError()
              ? "has a syntax error: "
              : e.isResourceExhausted() ? "ran out of gas at load time: " : "failed to load: ";
      throw JsError.ARTIFACT_INVALID.exception(
          spec.file() + " (" + id + ") " + why + e.getMessage());
    }
  }

  private JsCode module(ArtifactId id, JsDeploySpec spec) {
    String text = utf8(checkedBytes(id, spec), spec.file());
    Source source =
        Source.newBuilder("js", text, spec.file())
            .mimeType(MODULE_MIME)
            .cached(true)
            .buildLiteral();
    return new JsCode(source, Optional.empty());
  }

  /**
   * A bundle: its files, checked against the spec's hash before anything else, then its manifest,
   * which must name the artifact being deployed and an existing main module; the entry is a module
   * that re-exports the main module's exports.
   */
  private JsCode bundle(ArtifactId id, JsDeploySpec spec) {
    Path path = directory.resolve(spec.file());
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw JsError.ARTIFACT_NOT_FOUND.exception(
          "Artifact " + id + ": no bundle " + spec.file() + " in " + directory.toAbsolutePath());
    }
    JsBundle bundle;
    try {
      bundle = JsBundle.read(path);
    } catch (JsBundle.BundleException | ZipException e) {
      throw JsError.ARTIFACT_INVALID.exception(
          "Bundle " + spec.file() + " (" + id + ") is invalid: " + e.getMessage());
    } catch (IOException e) {
      throw JsError.ARTIFACT_NOT_FOUND.exception("Cannot read " + path + ": " + e);
    }
    checkHash(id, spec, bundle.hash());
    BundleManifest manifest = BundleManifest.read(bundle, spec.file(), engine);
    if (!manifest.name().equals(id.name()) || !sameVersion(id, manifest.version())) {
      throw JsError.ARTIFACT_INVALID.exception(
          spec.file()
              + ": its manifest declares artifact "
              + manifest.name()
              + " "
              + manifest.version()
              + ", but "
              + id.name()
              + " "
              + id.version()
              + " was requested");
    }
    String main = manifest.main();
    if (!main.endsWith(".mjs") || !bundle.files().containsKey(main)) {
      throw JsError.ARTIFACT_INVALID.exception(
          spec.file() + ": the manifest's main '" + main + "' is not a .mjs file of the bundle");
    }
    bundle
        .files()
        .forEach((name, content) -> {
          if (name.endsWith(".mjs")) {
            utf8(content, spec.file() + ": " + name);
          }
        });
    Source entry =
        Source.newBuilder(
                "js",
                "export * from " + JsonStrings.quote(BundleFileSystem.specifier(main)) + ";\n",
                spec.file() + ":" + main)
            .mimeType(MODULE_MIME)
            .cached(true)
            .buildLiteral();
    return new JsCode(entry, Optional.of(new BundleFileSystem(bundle)));
  }

  private byte[] checkedBytes(ArtifactId id, JsDeploySpec spec) {
    Path file = directory.resolve(spec.file());
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file)) {
        throw JsError.ARTIFACT_NOT_FOUND.exception(
            "Artifact " + id + ": no file " + spec.file() + " in " + directory.toAbsolutePath());
      }
      if (Files.size(file) > MAX_FILE_SIZE) {
        throw JsError.ARTIFACT_INVALID.exception(
            spec.file() + " is larger than " + MAX_FILE_SIZE + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw JsError.ARTIFACT_NOT_FOUND.exception("Cannot read " + file + ": " + e);
    }
    checkHash(id, spec, Hash.sha256(bytes));
    return bytes;
  }

  private static void checkHash(ArtifactId id, JsDeploySpec spec, Hash actual) {
    if (!actual.equals(spec.sha256())) {
      throw JsError.ARTIFACT_HASH_MISMATCH.exception(
          spec.file()
              + " has SHA-256 "
              + actual.toHex()
              + " but the deploy spec of "
              + id
              + " says "
              + spec.sha256().toHex()
              + "; the artifact differs from the one the network agreed on");
    }
  }

  /**
   * {@code bytes} as text.
   *
   * @throws ExecutionException with {@link JsError#ARTIFACT_INVALID} if they are not UTF-8
   */
  static String utf8(byte[] bytes, String what) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw JsError.ARTIFACT_INVALID.exception(what + " is not valid UTF-8");
    }
  }

  /** Whether {@code declared} is the version of {@code id}, for the error message. */
  static boolean sameVersion(ArtifactId id, String declared) {
    try {
      return Version.parse(declared).equals(id.version());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
