package org.example.polyhost.timestamping;

import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ErrorKind;

/** The timestamping service's error codes: part of consensus, so never reused. */
public enum TimestampingError implements ErrorCode {
  /** A content hash is missing or not 32 bytes (64 hex digits). */
  INVALID_HASH(0),
  /** The content hash has a timestamp already. */
  ALREADY_TIMESTAMPED(1),
  /** The metadata is longer than allowed. */
  METADATA_TOO_LONG(2);

  private final int code;

  TimestampingError(int code) {
    this.code = code;
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.SERVICE;
  }

  @Override
  public int code() {
    return code;
  }
}
