/**
 * The JavaScript runtime: services written as ES modules, run by GraalJS in a deterministic
 * sandbox.
 *
 * <p>{@link io.polyhost.runtime.js.JsRuntime} is the entry point; everything else is
 * package-private. The service API that JavaScript code sees is documented by {@code polyhost.d.ts}
 * in this module's resources.
 */
@NullMarked
package io.polyhost.runtime.js;

import org.jspecify.annotations.NullMarked;
