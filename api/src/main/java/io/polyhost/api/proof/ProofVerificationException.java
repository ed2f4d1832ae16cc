package io.polyhost.api.proof;

/**
 * A proof that does not prove what it claims: it is malformed, was tampered with, or belongs to
 * another state.
 *
 * <p>A light client treats this as "the server lied or is out of date"; the message says precisely
 * which check failed, for logs and bug reports.
 */
public final class ProofVerificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message naming the check that failed. */
  public ProofVerificationException(String message) {
    super(message);
  }
}
