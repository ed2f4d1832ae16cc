/**
 * Identifiers of artifacts and service instances, and the semantic versions that tie them together.
 *
 * <p>{@link io.polyhost.api.runtime.ArtifactId} names what can be deployed, {@link
 * io.polyhost.api.runtime.InstanceSpec} a running service made from it, {@link
 * io.polyhost.api.runtime.Version} and {@link io.polyhost.api.runtime.VersionReq} decide upgrades
 * and client compatibility ({@link io.polyhost.api.runtime.ArtifactReq}). All of them validate on
 * construction, so holding one means it is well formed.
 */
@NullMarked
package io.polyhost.api.runtime;

import org.jspecify.annotations.NullMarked;
