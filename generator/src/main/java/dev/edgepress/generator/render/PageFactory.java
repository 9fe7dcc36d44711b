package dev.edgepress.generator.render;

import dev.edgepress.generator.cache.DepKey.Facet;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.content.SourcePage;
import dev.edgepress.generator.content.Urls;
import dev.edgepress.generator.markdown.RenderedMarkdown;
import dev.edgepress.generator.markdown.TocEntry;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes the pages templates see: from a Markdown file (with or without its rendered Markdown), or a
 * list page of its own (home, section, taxonomy, term, 404).
 */
final class PageFactory {

  private final SiteConfig config;
  private final TermIndex terms;

  PageFactory(SiteConfig config, TermIndex terms) {
    this.config = config;
    this.terms = terms;
  }

  /**
   * The page of a Markdown file at {@code path}.
   *
   * @param md its rendered Markdown, or null for a page that lists and neighbours see before it renders
   */
  Page page(SourcePage src, String kind, String path, RenderedMarkdown md) {
    var f = src.front();
    String title = f.title().orElseGet(() -> kind.equals("home") ? config.title() : humanize(src.slugOrName()));
    Map<String, List<Term>> pageTerms = new TreeMap<>();
    f.taxonomies().forEach((tax, names) -> {
      List<Term> list = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (String name : names) {
        terms.term(tax, terms.slug(name)).filter(t -> seen.add(t.slug())).ifPresent(list::add);
      }
      pageTerms.put(tax, List.copyOf(list));
    });
    Page.Builder b = at(Page.builder().kind(kind).title(title), path)
        .description(f.description().orElse(""))
        .date(f.date().orElse(null)).lastmod(f.lastmod().orElse(null)).draft(f.draft()).weight(f.weight())
        .section(src.section()).layout(f.layout().orElse(null))
        .taxonomies(Collections.unmodifiableMap(pageTerms)).aliases(f.aliases()).params(f.params())
        .file(src.file()).sourcePath(src.sourcePath()).detail(Facet.META.bit());
    if (md != null) {
      b.content(new SafeString(md.html())).summary(new SafeString(md.summaryHtml())).truncated(md.truncated())
          .toc(md.toc()).tableOfContents(new SafeString(tocHtml(md.toc()))).readingTime(md.readingTime())
          .wordCount(md.wordCount()).detail(Facet.META.bit() | Facet.SUMMARY.bit() | Facet.CONTENT.bit());
    }
    return b.build();
  }

  /** A list page without a Markdown file: home, section, taxonomy, term, 404. */
  Page listPage(String kind, String title, String path, String section) {
    return at(Page.builder().kind(kind).title(title), path).section(section).build();
  }

  private Page.Builder at(Page.Builder b, String path) {
    // Absolute URLs go into sitemaps and feeds, which must be ASCII: /Über-uns/ is /%C3%9Cber-uns/.
    return b.path(path).url(Urls.link(config, path)).permalink(config.absoluteUrl(Urls.encode(path)));
  }

  /** A title from a file or folder name: getting-started is "Getting started". */
  static String humanize(String slug) {
    String s = slug.replace('-', ' ').replace('_', ' ').strip();
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  /** Nested lists of links to the page's h2 to h4 headings. */
  static String tocHtml(List<TocEntry> toc) {
    List<TocEntry> entries = toc.stream().filter(e -> e.level() >= 2 && e.level() <= 4).toList();
    if (entries.size() < 2) {
      return "";
    }
    StringBuilder sb = new StringBuilder("<nav class=\"toc\" aria-label=\"Contents\">");
    int depth = 0;
    int base = entries.stream().mapToInt(TocEntry::level).min().orElse(2);
    for (TocEntry e : entries) {
      int level = e.level() - base + 1;
      if (level > depth) {
        while (depth < level) {
          sb.append("<ul>");
          depth++;
        }
      } else {
        sb.append("</li>");
        while (depth > level) {
          sb.append("</ul></li>");
          depth--;
        }
      }
      sb.append("<li><a href=\"#").append(escape(e.id())).append("\">").append(escape(e.text())).append("</a>");
    }
    while (depth > 0) {
      sb.append("</li></ul>");
      depth--;
    }
    return sb.append("</nav>").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
