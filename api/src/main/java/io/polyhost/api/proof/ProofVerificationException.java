package io.polyhost.api.proof;

/**
 * A proof that does not prove what it claims: tampered, malformed, or built against another state.
 *
 * <p>The message says which check failed and on which part of the proof.
 */
public class ProofVerificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message that says precisely what is wrong with the proof. */
  public ProofVerificationException(String message) {
    super(message);
  }
}
