package dev.edgepress.generator.render;

import dev.edgepress.generator.markdown.TocEntry;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * A page as templates see it ({@code page.title}, {@code page.content}, ...). Regular pages come from
 * a Markdown file; home, section, taxonomy, term and 404 pages may have one (_index.md) or not.
 *
 * @param kind home, page, section, taxonomy, term or 404
 * @param path the site path, /posts/hello/ (without the base URL's path)
 * @param url the path to link with, including the base URL's path: /blog/posts/hello/
 * @param permalink the absolute URL
 * @param section the section folder, posts or docs/guide; '' at the root
 * @param taxonomies plural name (tags) to the page's terms
 * @param file the Markdown file, or null
 * @param sourcePath the path under content/, or null
 */
public record Page(
    String kind,
    String title,
    String description,
    String path,
    String url,
    String permalink,
    ZonedDateTime date,
    ZonedDateTime lastmod,
    boolean draft,
    int weight,
    String section,
    String layout,
    SafeString content,
    SafeString summary,
    boolean truncated,
    List<TocEntry> toc,
    SafeString tableOfContents,
    int readingTime,
    int wordCount,
    Map<String, List<Term>> taxonomies,
    List<String> aliases,
    Map<String, Object> params,
    Path file,
    String sourcePath) {

  /** The terms of one taxonomy, e.g. {@code page.terms('tags')}; empty when none. */
  public List<Term> terms(String taxonomy) {
    return taxonomies.getOrDefault(taxonomy, List.of());
  }

  /** lastmod, else date; null when neither is set. */
  public ZonedDateTime modified() {
    return lastmod != null ? lastmod : date;
  }

  /** The same page at another address: the second and later pages of a paginated list. */
  public Page at(String newPath, String newUrl, String newPermalink) {
    return new Page(kind, title, description, newPath, newUrl, newPermalink, date, lastmod, draft, weight,
        section, layout, content, summary, truncated, toc, tableOfContents, readingTime, wordCount, taxonomies,
        aliases, params, file, sourcePath);
  }

  /** This page for lists and feeds: everything but its full content and table of contents. */
  public Page withoutContent() {
    SafeString none = new SafeString("");
    return new Page(kind, title, description, path, url, permalink, date, lastmod, draft, weight, section, layout,
        none, summary, truncated, List.of(), none, readingTime, wordCount, taxonomies, aliases, params, file,
        sourcePath);
  }

  /** Identity: comparing pages field by field would compare their whole content. */
  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  public boolean isPage() {
    return kind.equals("page");
  }
}
