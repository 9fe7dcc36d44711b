package dev.edgepress.generator.render;

import dev.edgepress.generator.Problems;
import dev.edgepress.generator.cache.BuildCache;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.content.Resource;
import dev.edgepress.generator.content.SourcePage;
import dev.edgepress.generator.links.LinkIndex;
import dev.edgepress.generator.markdown.RenderedMarkdown;
import dev.edgepress.generator.output.StagedOutput;
import dev.edgepress.generator.template.Assets;
import dev.edgepress.generator.template.Templates;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns the loaded content into the site, in the build's own order: selects the pages
 * ({@link Selection}), finds the terms ({@link TermIndex}), makes the pages ({@link PageFactory})
 * and the site's lists ({@link Assembly}), fingerprints what outputs can read ({@link Fingerprints}),
 * takes unchanged summaries from the cache ({@link MarkdownPass}), plans every output file
 * ({@link OutputPlanner}) and writes them ({@link OutputWriter}): regular pages first, then lists,
 * feeds and the other files, which show the rendered pages' summaries. One instance serves one
 * build; all of a build's state lives in {@link #render}.
 */
public final class SiteRenderer {

  private final SiteConfig config;
  private final Templates templates;
  private final Problems problems;
  private final LinkIndex links;
  private final Assets assets;
  private final BuildCache previous;
  private final BuildCache.Writer next;

  /**
   * @param links where the links of written HTML files go, or null when links are not checked
   * @param previous what the last build left in the build cache ({@link BuildCache#EMPTY} to render
   *     everything)
   * @param next where this build records what it read and wrote, for the next one
   */
  public SiteRenderer(SiteConfig config, Templates templates, Problems problems, LinkIndex links, Assets assets,
      BuildCache previous, BuildCache.Writer next) {
    this.config = config;
    this.templates = templates;
    this.problems = problems;
    this.links = links;
    this.assets = assets;
    this.previous = previous;
    this.next = next;
  }

  /**
   * Renders everything into {@code out}. Problems go to the collector given at construction; the
   * caller decides whether to commit.
   */
  public RenderOutcome render(
      List<SourcePage> all,
      List<Resource> contentResources,
      List<Resource> staticFiles,
      List<Resource> themeStatic,
      Map<String, Object> data,
      Selection.Options options,
      StagedOutput out) {
    long planStart = System.nanoTime();
    // Problems the caller found before (a page's front matter, say) do not stop rendering: every
    // check that can run does, so that one build reports everything.
    int earlier = problems.size();
    Selection selection = new Selection(all, config, options, problems);
    Fingerprints fingerprints = new Fingerprints(templates, assets);
    MarkdownPass markdown = new MarkdownPass(config, selection, contentResources, staticFiles, themeStatic,
        fingerprints, previous, next, problems);
    // Terms first: pages show their terms with counts.
    TermIndex terms = new TermIndex(selection.pages(), config, problems);
    PageFactory factory = new PageFactory(config, terms);

    // Section and home texts (_index.md) are few: render them first, every time.
    Map<String, Page> indexPages = new ConcurrentHashMap<>();
    selection.indexes().parallelStream().forEach(src -> {
      RenderedMarkdown md = markdown.index(src, selection.paths().get(src));
      String kind = src.section().isEmpty() ? "home" : "section";
      indexPages.put(src.section(), factory.page(src, kind, selection.paths().get(src), md));
    });

    // Regular pages are rendered in one pass each (Markdown, template, file) so that no page's
    // full HTML outlives its own file; lists then see each page's summary, not its content.
    Map<SourcePage, Page> skeletons = new IdentityHashMap<>();
    List<Page> made = selection.pages().parallelStream()
        .map(src -> factory.page(src, "page", selection.paths().get(src), null)).toList();
    for (int i = 0; i < made.size(); i++) {
      skeletons.put(selection.pages().get(i), made.get(i));
    }
    Map<SourcePage, Page> finals = new ConcurrentHashMap<>();
    Assembly first = Assembly.of(selection.pages(), skeletons::get, indexPages, terms, factory, config, data);
    AtomicReference<Assembly> complete = new AtomicReference<>();
    selection.pages().forEach(src -> fingerprints.meta(src.sourcePath(), src.frontHash(), selection.paths().get(src)));
    fingerprints.site(first, terms, data);

    // A page whose Markdown file and everything its Markdown used (link targets, image sizes) are
    // as the cache has them keeps its summary from there: lists need not render it again.
    Set<SourcePage> markdownStale = ConcurrentHashMap.newKeySet();
    selection.pages().parallelStream().forEach(src -> {
      Optional<RenderedMarkdown> summary = markdown.cachedSummary(src, selection.paths().get(src));
      if (summary.isEmpty()) {
        markdownStale.add(src);
        return;
      }
      RenderedMarkdown md = summary.get();
      finals.put(src, skeletons.get(src).withSummary(new SafeString(md.summaryHtml()), md.truncated(),
          md.readingTime(), md.wordCount()));
    });

    OutputPlanner.Known known = new OutputPlanner.Known(first, complete::get, skeletons, markdownStale, finals,
        indexPages, terms);
    OutputPlanner.Plan plan = new OutputPlanner(config, templates, factory, markdown, problems)
        .plan(known, contentResources, staticFiles, themeStatic);
    if (problems.size() > earlier) {
      // Selection or the plan itself is wrong (two outputs want one file): what it would render is not the site.
      return new RenderOutcome(first.pages().size(), first.pages().size() + indexPages.size(), plan.listPages(), 0, Set.of(), Set.of(), Set.of(),
          markdown.unresolved(), 0, 0, 0);
    }

    long t0 = System.nanoTime();
    long planNanos = t0 - planStart;
    OutputWriter writer = new OutputWriter(fingerprints, previous, next, links, assets, problems, out);
    writer.write(plan.pages());
    writer.reportFailures();
    long pagesNanos = System.nanoTime() - t0;
    // Lists render even when some pages' templates failed: each page's summary is known before its
    // template runs, and the lists' own problems belong in the same report.
    complete.set(Assembly.of(selection.pages(), finals::get, indexPages, terms, factory, config, data));
    long t1 = System.nanoTime();
    writer.write(plan.rest());
    writer.writeAssets(plan.files());
    writer.reportFailures();
    return new RenderOutcome(first.pages().size(), first.pages().size() + indexPages.size(), plan.listPages(), out.filesWritten(), writer.renderedFiles(),
        writer.changedIds(), writer.failedFiles(), markdown.unresolved(), planNanos, pagesNanos, System.nanoTime() - t1);
  }
}
