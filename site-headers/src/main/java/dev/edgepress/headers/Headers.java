package dev.edgepress.headers;

/**
 * The HTTP headers a published file carries, the same for S3, CloudFront and the preview server.
 *
 * @param contentType e.g. text/html; charset=utf-8
 * @param cacheControl e.g. public, max-age=31536000, immutable
 */
public record Headers(String contentType, String cacheControl) {

  /** A short stable text that changes whenever a header does; stored with each published file. */
  public String fingerprint() {
    return Integer.toHexString((contentType + "\n" + cacheControl).hashCode());
  }
}
