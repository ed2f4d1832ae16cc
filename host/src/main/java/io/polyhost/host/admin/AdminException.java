package io.polyhost.host.admin;

/**
 * An administrative request that cannot be carried out, with the HTTP status that fits and a
 * message saying what to do about it.
 */
public final class AdminException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;

  AdminException(int status, String title, String message) {
    super(message);
    this.status = status;
    this.title = title;
  }

  /** The HTTP status: 400 bad request, 404 unknown, 409 conflict, 422 refused, 503/504. */
  public int status() {
    return status;
  }

  /** A short summary, such as {@code Invalid broadcast request}. */
  public String title() {
    return title;
  }
}
