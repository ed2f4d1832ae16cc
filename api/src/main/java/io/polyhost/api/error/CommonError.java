package io.polyhost.api.error;

/** Errors any runtime raises for any service, with the reference implementation's codes. */
public enum CommonError implements ErrorCode {
  /** The service has no interface of that name. */
  NO_SUCH_INTERFACE(0),
  /** The interface has no method with that id. */
  NO_SUCH_METHOD(1),
  /** The caller may not call this method. */
  UNAUTHORIZED_CALLER(2),
  /** The arguments cannot be decoded. */
  MALFORMED_ARGUMENTS(3),
  /** The method existed once and was removed; its id is never reused. */
  METHOD_REMOVED(4),
  /** The runtime does not support what was asked (e.g. freezing). */
  FEATURE_NOT_SUPPORTED(5);

  private final int code;

  CommonError(int code) {
    this.code = code;
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.COMMON;
  }

  @Override
  public int code() {
    return code;
  }
}
