// The wallet's error codes. A code is part of consensus (every node must fail a transaction with
// the same one) and of the wallet's contract with its clients, so once published it never changes
// meaning. Messages are for people and may change.
export const Errors = Object.freeze({
  /** The author already has a wallet: one wallet per key. */
  WALLET_EXISTS: 1,
  /** The author (or the key asked about) has no wallet. */
  UNKNOWN_WALLET: 2,
  /** A transfer's receiver has no wallet: coins are never sent into the void. */
  UNKNOWN_RECEIVER: 3,
  INSUFFICIENT_FUNDS: 4,
  /** An argument is missing or malformed; the message names it. */
  INVALID_ARGUMENT: 5,
  /** Wallets belong to keys, so only signed transactions, not other services, may use them. */
  NOT_A_TRANSACTION: 6,
});

export function fail(code, message) {
  return new ExecutionError(code, message);
}
