package io.polyhost.runtime.js;

import java.util.Optional;
import org.graalvm.polyglot.Source;

/**
 * The code of an artifact as contexts load it: the entry module, and for a bundle the file system
 * its imports resolve in. Shared by every context of the artifact (GraalJS caches parsed sources
 * per engine).
 *
 * @param entry the module whose exports are the artifact's
 * @param files the bundle's files; empty for a single-module artifact, whose contexts get no file
 *     system at all
 */
record JsCode(Source entry, Optional<BundleFileSystem> files) {
  /** The name of the entry module, for messages. */
  String name() {
    return entry.getName();
  }
}
