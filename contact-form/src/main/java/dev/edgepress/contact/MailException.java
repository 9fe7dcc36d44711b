package dev.edgepress.contact;

/**
 * A message was not sent. Its text names the cause for the author's logs and never holds the message
 * body.
 */
public final class MailException extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean throttled;

  /**
   * @param message what failed, without the message's body
   * @param throttled true when the mail service refused because of a rate or quota: the visitor may
   *     try again in a minute
   * @param cause the underlying exception, or null
   */
  public MailException(String message, boolean throttled, Throwable cause) {
    super(message, cause);
    this.throttled = throttled;
  }

  /** True when the mail service refused because of a sending rate or quota. */
  public boolean throttled() {
    return throttled;
  }
}
