package io.polyhost.host.http;

import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.host.artifacts.AvailableArtifact;
import io.polyhost.supervisor.proto.AsyncEventState;
import io.polyhost.supervisor.proto.MigrationState;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The supervisor's records as the reference's JSON shapes. */
final class SupervisorViews {
  private SupervisorViews() {}

  /** {@code "pending" | "timeout" | "succeed" | {"failed": {"height": h, "error": {...}}}}. */
  static Object state(AsyncEventState state) {
    return switch (state.getState()) {
      case PENDING -> "pending";
      case TIMEOUT -> "timeout";
      case SUCCESS -> "succeed";
      case FAIL -> {
        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put("height", state.getError().getHeight());
        failed.put(
            "error",
            Views.status(Optional.of(ExecutionError.fromProto(state.getError().getError()))));
        yield Map.of("failed", failed);
      }
      case UNRECOGNIZED -> "unknown";
    };
  }

  /** {@code {"state": ..., "version": "0.2.0"}}. */
  static Map<String, Object> migration(MigrationState state) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("state", state(state.getInner()));
    json.put("version", state.getVersion());
    return json;
  }

  static Map<String, Object> artifact(ArtifactId artifact) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("runtime_id", artifact.runtimeId());
    json.put("name", artifact.name());
    json.put("version", artifact.version().toString());
    return json;
  }

  /** An instance: spec, status, pending status and data version. */
  static Map<String, Object> instance(InstanceState state) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("id", Integer.toUnsignedLong(state.spec().id()));
    spec.put("name", state.spec().name());
    spec.put("artifact", artifact(state.spec().artifact()));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("spec", spec);
    json.put("status", state.status().map(SupervisorViews::status).orElse(null));
    json.put("pending_status", state.pendingStatus().map(SupervisorViews::status).orElse(null));
    json.put("data_version", state.dataVersion().map(Object::toString).orElse(null));
    return json;
  }

  private static Map<String, Object> status(InstanceStatus status) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", status.label());
    if (status instanceof InstanceStatus.Migrating m) {
      json.put("target", artifact(m.target()));
      json.put("end_version", m.endVersion().toString());
      m.completed().ifPresent(hash -> json.put("completed_hash", hash.toHex()));
    }
    return json;
  }

  /** A file of the artifacts folder with what it holds and whether it is deployed. */
  static Map<String, Object> available(AvailableArtifact file, Optional<ArtifactStatus> status) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("file", file.file());
    json.put("size", file.size());
    json.put("sha256", file.sha256().toHex());
    file.artifact()
        .ifPresent(id -> {
          json.put("runtime_id", id.runtimeId());
          json.put("runtime", runtimeName(id.runtimeId()));
          json.put("name", id.name());
          json.put("version", id.version().toString());
          json.put("artifact", id.toString());
          json.put("deployed", status.filter(s -> s == ArtifactStatus.ACTIVE).isPresent());
          json.put("status", status.map(s -> s.name().toLowerCase(Locale.ROOT)).orElse(null));
        });
    file.problem().ifPresent(problem -> json.put("problem", problem));
    return json;
  }

  private static String runtimeName(int id) {
    return switch (id) {
      case 1 -> "java";
      case 2 -> "javascript";
      default -> "runtime " + id;
    };
  }
}
