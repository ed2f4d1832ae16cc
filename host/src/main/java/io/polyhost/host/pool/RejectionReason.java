package io.polyhost.host.pool;

/** Why the pool refused a transaction; each reason says what the client can do about it. */
public enum RejectionReason {
  /** The serialized message is longer than the consensus limit; send a smaller transaction. */
  TOO_LARGE,
  /** The bytes are not a signed transaction; fix the encoding. */
  MALFORMED,
  /** The same transaction is already pooled or being admitted; nothing to do, it will be sent. */
  DUPLICATE,
  /** The same transaction is already in a block; nothing to do. */
  ALREADY_COMMITTED,
  /** The signature does not match the author and payload; sign again with the right key. */
  BAD_SIGNATURE,
  /** The target service is unknown or not active ({@code check_tx}); see the error. */
  CHECK_FAILED,
  /** The pool holds as many transactions or bytes as it may; retry later. */
  POOL_FULL,
  /** The pool has been closed because the node is shutting down; retry on another node. */
  CLOSED
}
