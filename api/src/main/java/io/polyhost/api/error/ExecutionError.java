package io.polyhost.api.error;

import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proto.CallSiteProto;
import io.polyhost.api.proto.ExecutionErrorProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A failed call: kind and code (what), runtime and call site (where), description and backtrace
 * (why, for people).
 *
 * <p>Only kind, code, runtime id and call site are part of consensus ({@link #consensusHash()});
 * descriptions may legitimately differ between nodes (e.g. a message mentioning a local path) and
 * never enter a hash. The runtime id and call site are stamped by the dispatcher, never by the code
 * that raised the error, so services cannot forge them.
 */
public final class ExecutionError {
  private final ErrorKind kind;
  private final int code;
  private final String description;
  private final @Nullable Integer runtimeId;
  private final @Nullable CallSite callSite;
  private final List<CallSite> backtrace;

  private ExecutionError(
      ErrorKind kind,
      int code,
      String description,
      @Nullable Integer runtimeId,
      @Nullable CallSite callSite,
      List<CallSite> backtrace) {
    if (code < 0) {
      throw new IllegalArgumentException("Error codes are unsigned; got " + code);
    }
    if (kind == ErrorKind.UNEXPECTED && code != 0) {
      throw new IllegalArgumentException("An unexpected error always has code 0; got " + code);
    }
    this.kind = kind;
    this.code = code;
    this.description = description;
    this.runtimeId = runtimeId;
    this.callSite = callSite;
    this.backtrace = List.copyOf(backtrace);
  }

  /**
   * An error of {@code kind} with {@code code}, not yet located.
   *
   * @throws IllegalArgumentException if the code is negative, or non-zero for {@link
   *     ErrorKind#UNEXPECTED}
   */
  public static ExecutionError of(ErrorKind kind, int code, String description) {
    return new ExecutionError(kind, code, description, null, null, List.of());
  }

  /** A service error with a code the service defines. */
  public static ExecutionError service(int code, String description) {
    return of(ErrorKind.SERVICE, code, description);
  }

  /** An unexpected failure (an uncaught exception in service code). */
  public static ExecutionError unexpected(String description) {
    return of(ErrorKind.UNEXPECTED, 0, description);
  }

  /** The kind. */
  public ErrorKind kind() {
    return kind;
  }

  /** The code within the kind. */
  public int code() {
    return code;
  }

  /** What went wrong, for people; not part of consensus. */
  public String description() {
    return description;
  }

  /** The runtime the error happened in, once the dispatcher has stamped it. */
  public OptionalInt runtimeId() {
    return runtimeId == null ? OptionalInt.empty() : OptionalInt.of(runtimeId);
  }

  /** The call the error happened in, once the dispatcher has stamped it. */
  public Optional<CallSite> callSite() {
    return Optional.ofNullable(callSite);
  }

  /** The calls the error passed through on its way up, most recent first; not part of consensus. */
  public List<CallSite> backtrace() {
    return backtrace;
  }

  /** Whether this error has the given code. */
  public boolean is(ErrorCode code) {
    return kind == code.kind() && this.code == code.code();
  }

  /** This error with the runtime id set, unless one is set already (the innermost one wins). */
  public ExecutionError withRuntimeId(int id) {
    return runtimeId != null
        ? this
        : new ExecutionError(kind, code, description, id, callSite, backtrace);
  }

  /**
   * This error located at {@code site}; if it already has a call site (it came from a child call),
   * {@code site} is added to the backtrace instead.
   */
  public ExecutionError at(CallSite site) {
    if (callSite == null) {
      return new ExecutionError(kind, code, description, runtimeId, site, backtrace);
    }
    List<CallSite> trace = new ArrayList<>(backtrace.size() + 1);
    trace.addAll(backtrace);
    trace.add(site);
    return new ExecutionError(kind, code, description, runtimeId, callSite, trace);
  }

  /** The hash of the consensus-relevant part: kind, code, runtime id and call site. */
  public Hash consensusHash() {
    ExecutionErrorProto.Builder b =
        ExecutionErrorProto.newBuilder().setKind(kind.toProto()).setCode(code);
    if (runtimeId != null) {
      b.setRuntimeId(runtimeId);
    }
    if (callSite != null) {
      b.setCallSite(callSite.toProto());
    }
    return Hash.sha256(b.build().toByteArray());
  }

  /** The full protobuf form, description and backtrace included. */
  public ExecutionErrorProto toProto() {
    ExecutionErrorProto.Builder b =
        ExecutionErrorProto.newBuilder()
            .setKind(kind.toProto())
            .setCode(code)
            .setDescription(description);
    if (runtimeId != null) {
      b.setRuntimeId(runtimeId);
    }
    if (callSite != null) {
      b.setCallSite(callSite.toProto());
    }
    for (CallSite site : backtrace) {
      b.addBacktrace(site.toProto());
    }
    return b.build();
  }

  /**
   * Reads the protobuf form.
   *
   * @throws IllegalArgumentException if the kind or a call type is unknown, or an unexpected error
   *     has a non-zero code
   */
  public static ExecutionError fromProto(ExecutionErrorProto proto) {
    List<CallSite> trace = new ArrayList<>();
    for (CallSiteProto site : proto.getBacktraceList()) {
      trace.add(CallSite.fromProto(site));
    }
    return new ExecutionError(
        ErrorKind.fromProto(proto.getKind()),
        proto.getCode(),
        proto.getDescription(),
        proto.hasRuntimeId() ? proto.getRuntimeId() : null,
        proto.hasCallSite() ? CallSite.fromProto(proto.getCallSite()) : null,
        trace);
  }

  /**
   * Parses the binary protobuf form.
   *
   * @throws IllegalArgumentException if the bytes are not a valid error
   */
  public static ExecutionError parse(byte[] bytes) {
    try {
      return fromProto(ExecutionErrorProto.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("Not an execution error: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExecutionError e
        && e.kind == kind
        && e.code == code
        && e.description.equals(description)
        && Objects.equals(e.runtimeId, runtimeId)
        && Objects.equals(e.callSite, callSite)
        && e.backtrace.equals(backtrace);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, code, description, runtimeId, callSite, backtrace);
  }

  /** E.g. {@code core:7 at instance 3 method 0: no such instance}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(kind.label()).append(':').append(code);
    if (runtimeId != null) {
      s.append(" in runtime ").append(runtimeId);
    }
    if (callSite != null) {
      s.append(" at ").append(callSite);
    }
    return s.append(": ").append(description).toString();
  }
}
