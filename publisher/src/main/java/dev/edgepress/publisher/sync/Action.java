package dev.edgepress.publisher.sync;

/**
 * One change to make at the destination.
 *
 * @param existed whether the destination already had this path (then caches may hold the old one)
 * @param phase 0 assets, 1 HTML pages, 2 the home page, 3 feeds and the sitemap: the apply order
 */
public record Action(Kind kind, LocalFile file, String reason, boolean existed, int phase) {

  public enum Kind {
    /** New or changed bytes. */
    UPLOAD,
    /** Same bytes, other headers: a server-side copy onto itself. */
    COPY
  }

  public String path() {
    return file.path();
  }

  static int phaseOf(String path) {
    if (path.equals("index.html")) {
      return 2;
    }
    if (path.endsWith(".html") || path.endsWith(".htm")) {
      return 1;
    }
    if (path.endsWith(".xml")) {
      return 3;
    }
    return 0;
  }
}
