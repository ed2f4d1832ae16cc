package org.example.polyhost.payroll;

import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ErrorKind;

/**
 * The payroll's own error codes: part of consensus, so never reused. A failed payment fails the
 * payout with the wallet's error (e.g. the wallet's insufficient funds), not with one of these.
 */
public enum PayrollError implements ErrorCode {
  /** The constructor's configuration is malformed or names no wallet service. */
  INVALID_CONFIG(0),
  /** A payout has no payments or too many. */
  INVALID_PAYMENT_COUNT(1),
  /** A payment's amount is zero or above {@link Long#MAX_VALUE}. */
  INVALID_AMOUNT(2),
  /** The payments add up to more than {@link Long#MAX_VALUE}. */
  TOTAL_OVERFLOW(3),
  /** A read names no transaction or a malformed one. */
  INVALID_HASH(4),
  /** The caller is not the author of a signed transaction. */
  NOT_SIGNED(5);

  private final int code;

  PayrollError(int code) {
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
