package dev.edgepress.publisher;

/**
 * The publisher refused to publish, before it uploaded or deleted anything: the site or the
 * destination looks wrong. The message says what is wrong and what to do; {@link #reason()} says
 * which guard refused, for callers that react to one.
 */
public final class PublishRefusedException extends PublishException {

  /** Which guard refused. */
  public enum Reason {
    /** The built site's folder does not exist or holds no files. */
    NO_SITE,
    /** The built site has no content pages: only what the build makes from an empty content/. */
    NO_CONTENT_PAGES,
    /** Publishing to a bucket without the site's settings file (site.yaml). */
    NO_SITE_CONFIG,
    /** Publishing to a bucket a site built with a localhost baseUrl. */
    LOCAL_BASE_URL,
    /** More than maxDeletes objects would be deleted (force overrides). */
    TOO_MANY_DELETES,
    /** More than half of the destination's HTML pages would be deleted (force overrides). */
    MOST_PAGES_DELETED
  }

  private final Reason reason;

  public PublishRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
