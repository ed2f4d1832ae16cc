package io.polyhost.api.error;

import io.polyhost.api.proto.ExecutionErrorProto;

/** Who defines an error code; numbered as in Exonum's {@code errors.proto}. */
public enum ErrorKind {
  /** An unexpected failure inside service code (e.g. an uncaught exception); code is always 0. */
  UNEXPECTED(ExecutionErrorProto.Kind.UNEXPECTED, "unexpected"),
  /** Raised by the dispatcher (see {@link CoreError}). */
  CORE(ExecutionErrorProto.Kind.CORE, "core"),
  /** Raised by a runtime, with codes the runtime defines. */
  RUNTIME(ExecutionErrorProto.Kind.RUNTIME, "runtime"),
  /** Raised by a service, with codes the service defines. */
  SERVICE(ExecutionErrorProto.Kind.SERVICE, "service"),
  /** Raised for any service by its runtime (see {@link CommonError}). */
  COMMON(ExecutionErrorProto.Kind.COMMON, "common");

  private final ExecutionErrorProto.Kind proto;
  private final String label;

  ErrorKind(ExecutionErrorProto.Kind proto, String label) {
    this.proto = proto;
    this.label = label;
  }

  ExecutionErrorProto.Kind toProto() {
    return proto;
  }

  /** The lowercase name used in displays and JSON, e.g. {@code core}. */
  public String label() {
    return label;
  }

  static ErrorKind fromProto(ExecutionErrorProto.Kind proto) {
    for (ErrorKind k : values()) {
      if (k.proto == proto) {
        return k;
      }
    }
    throw new IllegalArgumentException("Unknown error kind " + proto);
  }
}
