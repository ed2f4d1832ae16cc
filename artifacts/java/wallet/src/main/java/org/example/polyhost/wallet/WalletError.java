package org.example.polyhost.wallet;

import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ErrorKind;

/**
 * The wallet's error codes. A code is part of consensus (every node records the same one) and of
 * the wallet's contract with clients, so a code is never reused for another meaning.
 */
public enum WalletError implements ErrorCode {
  /** The author already has a wallet. */
  WALLET_EXISTS(0),
  /** The author has no wallet yet. */
  UNKNOWN_WALLET(1),
  /** A transfer's receiver has no wallet. */
  UNKNOWN_RECEIVER(2),
  /** The sender's balance is lower than the amount. */
  INSUFFICIENT_FUNDS(3),
  /** An amount is zero or above {@link Long#MAX_VALUE}. */
  INVALID_AMOUNT(4),
  /** A wallet name is blank or too long. */
  INVALID_NAME(5),
  /** A public key is missing or not 32 bytes (or 64 hex digits). */
  INVALID_KEY(6),
  /** A transfer names its sender as the receiver. */
  SELF_TRANSFER(7),
  /** A balance would exceed {@link Long#MAX_VALUE}. */
  BALANCE_OVERFLOW(8),
  /** The caller is not the author of a signed transaction. */
  NOT_SIGNED(9);

  private final int code;

  WalletError(int code) {
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
