package org.example.polyhost.counter;

import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ErrorKind;

/** The counter's error codes: part of consensus, so never reused. */
public enum CounterError implements ErrorCode {
  /** A counter name is empty or too long. */
  INVALID_NAME(0);

  private final int code;

  CounterError(int code) {
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
