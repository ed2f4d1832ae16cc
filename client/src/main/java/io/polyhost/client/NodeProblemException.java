package io.polyhost.client;

/**
 * The node refused a request: its HTTP status and the problem document's title and detail, which
 * say what was wrong and what to fix.
 */
public final class NodeProblemException extends ClientException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final String detail;

  NodeProblemException(int status, String title, String detail) {
    super(detail + " (HTTP " + status + " " + title + ")");
    this.status = status;
    this.title = title;
    this.detail = detail;
  }

  /** The HTTP status, 400 to 599. */
  public int status() {
    return status;
  }

  /** The problem's short title, such as {@code Not found}. */
  public String title() {
    return title;
  }

  /** The problem's detail: what is wrong and what to fix. */
  public String detail() {
    return detail;
  }
}
