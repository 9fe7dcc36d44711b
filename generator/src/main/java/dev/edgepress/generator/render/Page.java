package dev.edgepress.generator.render;

import dev.edgepress.generator.cache.DepKey.Facet;
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
 * @param detail which field groups ({@link Facet#bit()}s) hold this page's real values: a list sees
 *     summaries, not content; only the groups a page has count as read when a template reads them
 *     ({@link ModelReads})
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
    String sourcePath,
    int detail) {

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
    return toBuilder().path(newPath).url(newUrl).permalink(newPermalink).build();
  }

  /** This page (from {@code page(...)} without Markdown) for lists, with its summary as the cache has it. */
  Page withSummary(SafeString newSummary, boolean newTruncated, int newReadingTime, int newWordCount) {
    return toBuilder().content(NONE).summary(newSummary).truncated(newTruncated).toc(List.of()).tableOfContents(NONE)
        .readingTime(newReadingTime).wordCount(newWordCount).detail(Facet.META.bit() | Facet.SUMMARY.bit()).build();
  }

  /** This page for lists and feeds: everything but its full content and table of contents. */
  public Page withoutContent() {
    return toBuilder().content(NONE).toc(List.of()).tableOfContents(NONE).detail(detail & ~Facet.CONTENT.bit()).build();
  }

  private static final SafeString NONE = new SafeString("");

  /** A page with nothing set: no text, no terms, no source file, tracked as nothing ({@code detail} 0). */
  public static Builder builder() {
    return new Builder();
  }

  /** This page's fields, to change some of them. */
  Builder toBuilder() {
    Builder b = new Builder();
    b.kind = kind;
    b.title = title;
    b.description = description;
    b.path = path;
    b.url = url;
    b.permalink = permalink;
    b.date = date;
    b.lastmod = lastmod;
    b.draft = draft;
    b.weight = weight;
    b.section = section;
    b.layout = layout;
    b.content = content;
    b.summary = summary;
    b.truncated = truncated;
    b.toc = toc;
    b.tableOfContents = tableOfContents;
    b.readingTime = readingTime;
    b.wordCount = wordCount;
    b.taxonomies = taxonomies;
    b.aliases = aliases;
    b.params = params;
    b.file = file;
    b.sourcePath = sourcePath;
    b.detail = detail;
    return b;
  }

  /** Makes a {@link Page} from named parts; what is not set is empty, false, 0 or null. */
  public static final class Builder {
    private String kind;
    private String title;
    private String description = "";
    private String path;
    private String url;
    private String permalink;
    private ZonedDateTime date;
    private ZonedDateTime lastmod;
    private boolean draft;
    private int weight;
    private String section = "";
    private String layout;
    private SafeString content = NONE;
    private SafeString summary = NONE;
    private boolean truncated;
    private List<TocEntry> toc = List.of();
    private SafeString tableOfContents = NONE;
    private int readingTime;
    private int wordCount;
    private Map<String, List<Term>> taxonomies = Map.of();
    private List<String> aliases = List.of();
    private Map<String, Object> params = Map.of();
    private Path file;
    private String sourcePath;
    private int detail;

    private Builder() {}

    public Builder kind(String v) { kind = v; return this; }
    public Builder title(String v) { title = v; return this; }
    public Builder description(String v) { description = v; return this; }
    public Builder path(String v) { path = v; return this; }
    public Builder url(String v) { url = v; return this; }
    public Builder permalink(String v) { permalink = v; return this; }
    public Builder date(ZonedDateTime v) { date = v; return this; }
    public Builder lastmod(ZonedDateTime v) { lastmod = v; return this; }
    public Builder draft(boolean v) { draft = v; return this; }
    public Builder weight(int v) { weight = v; return this; }
    public Builder section(String v) { section = v; return this; }
    public Builder layout(String v) { layout = v; return this; }
    public Builder content(SafeString v) { content = v; return this; }
    public Builder summary(SafeString v) { summary = v; return this; }
    public Builder truncated(boolean v) { truncated = v; return this; }
    public Builder toc(List<TocEntry> v) { toc = v; return this; }
    public Builder tableOfContents(SafeString v) { tableOfContents = v; return this; }
    public Builder readingTime(int v) { readingTime = v; return this; }
    public Builder wordCount(int v) { wordCount = v; return this; }
    public Builder taxonomies(Map<String, List<Term>> v) { taxonomies = v; return this; }
    public Builder aliases(List<String> v) { aliases = v; return this; }
    public Builder params(Map<String, Object> v) { params = v; return this; }
    public Builder file(Path v) { file = v; return this; }
    public Builder sourcePath(String v) { sourcePath = v; return this; }
    /** Which field groups hold real values ({@link Facet#bit()}s): what reading them records. */
    public Builder detail(int v) { detail = v; return this; }

    public Page build() {
      return new Page(kind, title, description, path, url, permalink, date, lastmod, draft, weight, section, layout,
          content, summary, truncated, toc, tableOfContents, readingTime, wordCount, taxonomies, aliases, params,
          file, sourcePath, detail);
    }
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
