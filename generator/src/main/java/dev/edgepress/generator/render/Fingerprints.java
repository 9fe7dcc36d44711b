package dev.edgepress.generator.render;

import dev.edgepress.generator.Json;
import dev.edgepress.generator.cache.Hash64;
import dev.edgepress.generator.markdown.TocEntry;
import dev.edgepress.generator.template.Assets;
import dev.edgepress.generator.template.Templates;
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
  private final Map<String, Long> meta = new ConcurrentHashMap<>();
  private final Map<String, Long> summary = new ConcurrentHashMap<>();
  private final Map<String, Long> content = new ConcurrentHashMap<>();
  private final Map<String, Long> time = new ConcurrentHashMap<>();
  private final Map<String, Long> words = new ConcurrentHashMap<>();
  private final Map<String, Long> others = new ConcurrentHashMap<>();

  Fingerprints(Templates templates, Assets assets) {
    this.templates = templates;
    this.assets = assets;
  }

  /** The fingerprint of {@code key} now, or null when it is gone or not known yet. */
  Long resolve(String key) {
    if (key.startsWith("t:")) {
      return templates.fingerprint(key.substring(2));
    }
    if (key.startsWith("a:")) {
      return assets.fingerprint(key.substring(2));
    }
    if (key.startsWith("p:") && key.length() > 4) {
      String src = key.substring(2, key.length() - 2);
      return switch (key.charAt(key.length() - 1)) {
        case 'm' -> meta.get(src);
        case 's' -> summary.get(src);
        case 'c' -> content.get(src);
        case 't' -> time.get(src);
        case 'w' -> words.get(src);
        default -> null;
      };
    }
    return others.get(key);
  }

  void put(String key, long value) {
    others.put(key, value);
  }

  void meta(Page p) {
    meta.put(p.sourcePath(), metaOf(p));
  }

  void summary(String src, String html, boolean truncated, int readingTime, int words) {
    summary.put(src, new Hash64().add(html).add(truncated).get());
    time.put(src, (long) readingTime);
    this.words.put(src, (long) words);
  }

  void content(String src, long fingerprint) {
    content.put(src, fingerprint);
  }

  static long contentOf(String html, List<TocEntry> toc) {
    Hash64 h = new Hash64().add(html);
    for (TocEntry t : toc) {
      h.add(t.level()).add(t.text()).add(t.id());
    }
    return h.get();
  }

  /** Everything of a page but its summary and content; read outside any recording. */
  static long metaOf(Page p) {
    Hash64 h = new Hash64().add(p.kind()).add(p.title()).add(p.description()).add(p.path()).add(p.url())
        .add(p.permalink()).add(p.date()).add(p.lastmod()).add(p.draft()).add(p.weight()).add(p.section())
        .add(p.layout()).add(p.file()).add(p.sourcePath());
    p.taxonomies().forEach((tax, terms) -> {
      h.add(tax);
      terms.forEach(t -> h.add(t.slug()));
    });
    p.aliases().forEach(h::add);
    h.add(Json.value(p.params()));
    return h.get();
  }

  static long section(Section s) {
    Hash64 h = new Hash64().add(s.path()).add(s.name()).add(identity(s.page()));
    s.pages().forEach(p -> h.add(p.sourcePath()));
    h.add(s.sections().size());
    s.sections().forEach(h::add);
    return h.get();
  }

  static long term(Term t) {
    return new Hash64().add(t.name()).add(t.url()).add(t.count()).get();
  }

  /** A page's source path, or for a list page of its own, its kind, title and path. */
  static String identity(Page p) {
    return p.sourcePath() != null ? p.sourcePath() : "~" + p.kind() + "|" + p.title() + "|" + p.path();
  }
}
