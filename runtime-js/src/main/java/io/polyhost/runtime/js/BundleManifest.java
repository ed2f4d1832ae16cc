package io.polyhost.runtime.js;

import io.polyhost.api.error.ExecutionException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * A bundle's {@value JsBundle#MANIFEST}: the artifact's name and version and the bundle's main
 * module, e.g. {@code {"name": "wallet", "version": "2.0.0", "main": "src/index.mjs"}}.
 *
 * @param name the artifact name
 * @param version the artifact version, as written
 * @param main the relative path of the module whose exports are the artifact's
 */
record BundleManifest(String name, String version, String main) {
  /** The statements parsing may take: plenty for a manifest, nothing for a hostile one. */
  private static final long PARSE_GAS = 100_000;

  private static final Source PARSE =
      Source.newBuilder("js", "(text) => JSON.parse(text)", "manifest-parser").buildLiteral();

  /**
   * Reads the manifest of {@code bundle} (named {@code file} in messages).
   *
   * @throws ExecutionException with {@link JsError#ARTIFACT_INVALID} if it is missing, not UTF-8
   *     JSON, or lacks a field
   */
  static BundleManifest read(JsBundle bundle, String file, SandboxEngine engine) {
    byte[] bytes = bundle.files().get(JsBundle.MANIFEST);
    if (bytes == null) {
      throw invalid(
          file
              + " has no "
              + JsBundle.MANIFEST
              + " at its top; add one: {\"name\": ..., \"version\": ..., \"main\": \"index.mjs\"}");
    }
    String text = ArtifactLoader.utf8(bytes, file + ": " + JsBundle.MANIFEST);
    // Parsed by the engine in a sandbox of its own: a manifest is untrusted input too.
    try (Context context =
        engine.newContext(file + " manifest", PARSE_GAS, new AtomicBoolean(), Optional.empty())) {
      Value manifest = context.eval(PARSE).execute(text);
      if (!manifest.hasMembers()) {
        throw invalid(file + ": " + JsBundle.MANIFEST + " must hold a JSON object");
      }
      return new BundleManifest(
          field(manifest, "name", file),
          field(manifest, "version", file),
          field(manifest, "main", file));
    } catch (PolyglotException e) {
      throw invalid(file + ": " + JsBundle.MANIFEST + " is not JSON: " + e.getMessage());
    }
  }

  private static String field(Value manifest, String key, String file) {
    Value value = manifest.getMember(key);
    if (value == null || !value.isString()) {
      throw invalid(file + ": " + JsBundle.MANIFEST + " needs \"" + key + "\" as a string");
    }
    return value.asString();
  }

  private static ExecutionException invalid(String message) {
    return JsError.ARTIFACT_INVALID.exception(message);
  }
}
