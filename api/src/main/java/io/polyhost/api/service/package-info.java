/**
 * The Java service API: what a service artifact implements and how it is packaged.
 *
 * <p>An artifact is a flat JAR whose manifest names a {@link
 * io.polyhost.api.service.ServiceFactory} (see {@link io.polyhost.api.service.ArtifactManifest} for
 * the attributes). The factory makes {@link io.polyhost.api.service.Service} objects; their public
 * methods annotated with {@link io.polyhost.api.service.Transaction} are the service's
 * transactions, addressed by stable numeric ids. Everything a service touches comes through the
 * context of the call ({@link io.polyhost.api.runtime.ExecutionContext}): its own indexes,
 * read-only views of other services' data, child calls, the block's height and time. Service
 * objects are created and dropped by the runtime as it pleases (a throw-away object runs the
 * constructor), so a service keeps its state in its indexes, never in fields.
 *
 * <p>Artifact code sees only this API ({@code io.polyhost.api.*}), protobuf ({@code
 * com.google.protobuf.*}) and the JDK; everything else it needs it bundles.
 */
@NullMarked
package io.polyhost.api.service;

import org.jspecify.annotations.NullMarked;
