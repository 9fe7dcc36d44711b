package dev.edgepress.generator.render;

import dev.edgepress.generator.cache.DepKey;
import dev.edgepress.generator.cache.DepKey.Facet;
import dev.edgepress.generator.cache.Reads;
import dev.edgepress.generator.template.Templates;
import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import java.util.Map;
import java.util.Set;

/**
 * Records, in the reads of the output being rendered, which parts of the model its templates look
 * at: {@code page.title} is a read of that page's front matter, {@code page.content} of its content,
 * {@code section.pages} of a section's list, {@code site.pages} of the site's list. The model's
 * records stay plain values; the template engine asks this resolver first for every attribute, and
 * it only records (it never resolves anything itself).
 */
public final class ModelReads implements AttributeResolver {

  /** Page attributes that read a group other than {@link Facet#META}; any other attribute reads META. */
  private static final Map<String, Facet> PAGE_FACETS = Map.of(
      "content", Facet.CONTENT, "toc", Facet.CONTENT, "tableOfContents", Facet.CONTENT,
      "summary", Facet.SUMMARY, "truncated", Facet.SUMMARY,
      "readingTime", Facet.TIME, "wordCount", Facet.WORDS);
  private static final Set<String> TERM_FIELDS = Set.of("name", "url", "count");
  private static final Map<String, DepKey.Site> SITE_FIELDS = Map.of(
      "pages", DepKey.Site.PAGES, "sections", DepKey.Site.SECTIONS, "taxonomies", DepKey.Site.TAXONOMIES,
      "lastmod", DepKey.Site.LASTMOD, "data", DepKey.Site.DATA);

  @Override
  public ResolvedAttribute resolve(Object instance, Object attribute, Object[] arguments, ArgumentsNode args,
      EvaluationContextImpl context, String filename, int line) {
    if (instance instanceof Page || instance instanceof Section || instance instanceof Term
        || instance instanceof SiteView) {
      Reads reads = Templates.reads(context);
      if (reads != null) {
        record(reads, instance, String.valueOf(attribute));
      }
    }
    return null;
  }

  static void record(Reads reads, Object instance, String attribute) {
    if (instance instanceof Page p) {
      // Only regular and _index.md pages are tracked: a list page of its own is made from its
      // output's address. Reading a group the page does not hold (a list's page has no content)
      // reads nothing; time and words come with the summary.
      Facet facet = PAGE_FACETS.getOrDefault(attribute, Facet.META);
      Facet holder = facet == Facet.TIME || facet == Facet.WORDS ? Facet.SUMMARY : facet;
      if (p.sourcePath() != null && (p.detail() & holder.bit()) != 0) {
        reads.page(p.sourcePath(), facet.bit());
      }
    } else if (instance instanceof Section s) {
      reads.add(attribute.equals("pages") ? new DepKey.SectionPages(s.path()) : new DepKey.SectionInfo(s.path()));
    } else if (instance instanceof Term t) {
      if (TERM_FIELDS.contains(attribute)) {
        reads.add(new DepKey.TermInfo(t.taxonomy(), t.slug()));
      }
    } else if (instance instanceof SiteView) {
      DepKey.Site field = SITE_FIELDS.get(attribute);
      if (field != null) {
        reads.add(field);
      }
    }
  }
}
