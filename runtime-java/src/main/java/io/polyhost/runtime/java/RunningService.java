package io.polyhost.runtime.java;

import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.service.Service;

/** A service instance this node runs: its committed status, artifact and service object. */
record RunningService(
    InstanceSpec spec, InstanceStatus status, LoadedArtifact artifact, Service service) {}
