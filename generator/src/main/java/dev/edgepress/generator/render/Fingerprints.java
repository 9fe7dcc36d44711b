package dev.edgepress.generator.render;

import dev.edgepress.generator.cache.DepKey;
import dev.edgepress.generator.cache.DepKey.Facet;
import dev.edgepress.generator.cache.Hash64;
import dev.edgepress.generator.markdown.TocEntry;
import dev.edgepress.generator.template.Assets;
import dev.edgepress.generator.template.Templates;
import dev.edgepress.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fingerprints of what outputs can read, as this build sees them: templates, assets, each
 * page's meta, summary and content, sections, terms and the site's lists. An output whose recorded
 * reads all have the fingerprints they had when it was written need not be rendered again.
 */
final class Fingerprints {

  private final Templates templates;
  private final Assets assets;
  /**
   * Every key but templates' and assets' (those are looked up when first asked for): five a page
   * and a few a section or term, so 10,000 pages need no resizing.
   */
  private final Map<DepKey, Long> keys = new ConcurrentHashMap<>(1 << 17);

  Fingerprints(Templates templates, Assets assets) {
    this.templates = templates;
    this.assets = assets;
  }

  /** The fingerprint of {@code key} now, or null when it is gone or not known yet. */
  Long resolve(DepKey key) {
    Long known = keys.get(key);
    if (known != null) {
      return known;
    }
    if (key instanceof DepKey.Template t) {
      return keys.computeIfAbsent(key, k -> templates.fingerprint(t.name()));
    }
    if (key instanceof DepKey.Asset a) {
      return keys.computeIfAbsent(key, k -> assets.fingerprint(a.path()));
    }
    return null;
  }

  private void put(DepKey key, long value) {
    keys.put(key, value);
  }

  /**
   * A page's fields other than summary and content all come from its front matter, its source path
   * and its URL (terms and titles are made from the front matter): their fingerprint is that of
   * those three, which the loader had at hand.
   */
  void meta(String src, long frontHash, String path) {
    put(new DepKey.PageData(src, Facet.META), new Hash64().add(frontHash).add(src).add(path).get());
  }

  /** Sets a page's summary fingerprints; returns that of the summary itself. */
  long summary(String src, String html, boolean truncated, int readingTime, int words) {
    long fp = summaryOf(html, truncated);
    summary(src, fp, readingTime, words);
    return fp;
  }

  void summary(String src, long summaryFingerprint, int readingTime, int words) {
    put(new DepKey.PageData(src, Facet.SUMMARY), summaryFingerprint);
    put(new DepKey.PageData(src, Facet.TIME), readingTime);
    put(new DepKey.PageData(src, Facet.WORDS), words);
  }

  static long summaryOf(String html, boolean truncated) {
    return new Hash64().add(html).add(truncated).get();
  }

  void content(String src, long fingerprint) {
    put(new DepKey.PageData(src, Facet.CONTENT), fingerprint);
  }

  static long contentOf(String html, List<TocEntry> toc) {
    Hash64 h = new Hash64().add(html);
    for (TocEntry t : toc) {
      h.add(t.level()).add(t.text()).add(t.id());
    }
    return h.get();
  }

  static long section(Section s) {
    Hash64 h = new Hash64().add(s.path()).add(s.name()).add(identity(s.page()));
    h.add(s.sections().size());
    s.sections().forEach(h::add);
    return h.get();
  }

  static long sectionPages(Section s) {
    Hash64 h = new Hash64();
    s.pages().forEach(p -> h.add(p.sourcePath()));
    return h.get();
  }

  static long term(Term t) {
    return new Hash64().add(t.name()).add(t.url()).add(t.count()).get();
  }

  /** A page's source path, or for a list page of its own, its kind, title and path. */
  static String identity(Page p) {
    return p.sourcePath() != null ? p.sourcePath() : "~" + p.kind() + "|" + p.title() + "|" + p.path();
  }

  /** Fingerprints of the site-wide things templates can read: sections, terms, lists, data. */
  void site(Assembly first, TermIndex terms, Map<String, Object> data) {
    Hash64 pages = new Hash64();
    first.pages().forEach(p -> pages.add(p.sourcePath()));
    put(DepKey.Site.PAGES, pages.get());
    Hash64 sections = new Hash64();
    for (Section s : first.sections()) {
      sections.add(s.path());
      put(new DepKey.SectionInfo(s.path()), Fingerprints.section(s));
      put(new DepKey.SectionPages(s.path()), Fingerprints.sectionPages(s));
    }
    put(DepKey.Site.SECTIONS, sections.get());
    Hash64 taxonomies = new Hash64();
    terms.terms().forEach((tax, list) -> {
      taxonomies.add(tax).add(list.size());
      for (Term t : list) {
        taxonomies.add(t.slug());
        put(new DepKey.TermInfo(tax, t.slug()), Fingerprints.term(t));
      }
    });
    put(DepKey.Site.TAXONOMIES, taxonomies.get());
    put(DepKey.Site.LASTMOD, new Hash64().add(Assembly.latest(first.pages())).get());
    put(DepKey.Site.DATA, Hash64.of(Json.value(data)));
  }
}
