package org.example.polyhost.counter;

import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ErrorKind;

/** The counter's error codes: part of consensus, so never reused; 2.0.0 adds to those of 1.0.0. */
public enum CounterError implements ErrorCode {
  /** A counter name is empty or too long. */
  INVALID_NAME(0),
  /** There is no counter of that name to reset. */
  UNKNOWN_COUNTER(1);

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
