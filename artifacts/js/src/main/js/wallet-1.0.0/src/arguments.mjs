// Checks of what clients send. Arguments come from anyone, so every field is checked before it
// touches the state, and a refusal says which field is wrong and what is expected.
import { Errors, fail } from './errors.mjs';

const PUBLIC_KEY = /^[0-9a-f]{64}$/;
const MAX_NAME = 64;

function invalid(message) {
  return fail(Errors.INVALID_ARGUMENT, message);
}

/** The arguments as an object (a transaction without arguments gets undefined). */
export function fields(args) {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    throw invalid('Arguments must be a JSON object, got ' + JSON.stringify(args ?? null));
  }
  return args;
}

/**
 * A count of coins: a positive integer that JavaScript numbers hold exactly. Fractions and
 * numbers beyond 2^53 would round differently from what the client meant.
 */
export function amount(value, field) {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw invalid(field + ' must be a positive whole number of coins up to '
      + Number.MAX_SAFE_INTEGER + ', got ' + JSON.stringify(value ?? null));
  }
  return value;
}

/** A public key as 64 lowercase hex digits: the one spelling, so a key is one map entry. */
export function publicKey(value, field) {
  if (typeof value !== 'string' || !PUBLIC_KEY.test(value)) {
    throw invalid(field + ' must be a public key as 64 lowercase hex digits, got '
      + JSON.stringify(value ?? null));
  }
  return value;
}

export function walletName(value) {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_NAME) {
    throw invalid('name must be a non-blank string of at most ' + MAX_NAME + ' characters, got '
      + JSON.stringify(value ?? null));
  }
  return value;
}
