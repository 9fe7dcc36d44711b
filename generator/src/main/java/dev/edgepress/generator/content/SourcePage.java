package dev.edgepress.generator.content;

import java.nio.file.Path;

/**
 * A Markdown file as read from content/, before rendering.
 *
 * @param file the file on disk, for messages
 * @param sourcePath path under content/ with '/' separators, e.g. posts/hello.md
 * @param section the directory that is this page's section, '' for the content root
 * @param kind {@link Kind#INDEX} for _index.md (a section's or the home page's own text)
 * @param hash a fingerprint of the file's bytes, for the build cache
 * @param frontHash a fingerprint of its front matter alone: what lists show of it comes from there
 */
public record SourcePage(Path file, String sourcePath, String section, Kind kind, FrontMatter front, long hash,
    long frontHash) {

  public enum Kind {
    /** A regular page: posts/hello.md or a bundle posts/hello/index.md. */
    PAGE,
    /** _index.md: the text of a section page, or of the home page at the content root. */
    INDEX
  }

  /** The name the page's URL is made from: the slug, else the file name, else the bundle folder. */
  public String slugOrName() {
    if (front.slug().isPresent()) {
      return front.slug().get();
    }
    String name = sourcePath.substring(sourcePath.lastIndexOf('/') + 1);
    String base = name.substring(0, name.length() - ".md".length());
    if (base.equals("index")) {
      String dir = sourcePath.substring(0, Math.max(0, sourcePath.lastIndexOf('/')));
      return dir.substring(dir.lastIndexOf('/') + 1);
    }
    return base;
  }

  /** Identity: two reads of one file are two pages, and hashing never walks the body. */
  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  /** The directory holding the file, '' at the content root. */
  public String directory() {
    int i = sourcePath.lastIndexOf('/');
    return i < 0 ? "" : sourcePath.substring(0, i);
  }
}
