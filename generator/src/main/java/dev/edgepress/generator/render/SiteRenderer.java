package dev.edgepress.generator.render;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import dev.edgepress.generator.Json;
import dev.edgepress.generator.cache.BuildCache;
import dev.edgepress.generator.cache.Deps;
import dev.edgepress.generator.cache.Hash64;
import dev.edgepress.generator.config.ContactSettings;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.config.Taxonomy;
import dev.edgepress.generator.content.ContentLoader;
import dev.edgepress.generator.content.Resource;
import dev.edgepress.generator.content.SourcePage;
import dev.edgepress.generator.content.Urls;
import dev.edgepress.generator.images.ImageSize;
import dev.edgepress.generator.links.LinkIndex;
import dev.edgepress.generator.markdown.LinkTargets;
import dev.edgepress.generator.markdown.MarkdownRenderer;
import dev.edgepress.generator.markdown.RenderedMarkdown;
import dev.edgepress.generator.markdown.TocEntry;
import dev.edgepress.generator.output.StagedOutput;
import dev.edgepress.generator.template.Assets;
import dev.edgepress.generator.template.TemplateFailure;
import dev.edgepress.generator.template.Templates;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns the loaded content into the site: renders Markdown, assembles sections and taxonomies, plans
 * every output file (pages, paginated lists, feeds, sitemap, robots.txt, 404, aliases, static
 * files), checks that no two want the same file, and renders them in parallel.
 */
public final class SiteRenderer {

  /** Regular pages: weighted first (lowest first), then newest first, then title, then path. */
  static final Comparator<Page> ORDER =
      Comparator.comparing((Page p) -> p.weight() == 0 ? Integer.MAX_VALUE : p.weight())
          .thenComparing(Page::date, Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(Page::title, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(p -> p.sourcePath() == null ? "" : p.sourcePath());

  private static final SafeString EMPTY = new SafeString("");

  /**
   * What the build produced, for the result and the log.
   *
   * @param rendered output files rendered (the rest were known unchanged from the build cache)
   */
  public record Stats(int pages, int listPages, int files, int rendered, long markdownNanos, long outputNanos) {}

  private final SiteConfig config;
  private final Templates templates;
  private final Problems problems;
  private final Path siteDir;

  private final LinkIndex links;

  private final Assets assets;

  private final BuildCache previous;
  private final BuildCache.Writer next;
  private final Fingerprints fingerprints;
  private final AtomicInteger rendered = new AtomicInteger();
  private final Set<String> renderedFiles = ConcurrentHashMap.newKeySet();

  /**
   * @param previous what the last build left in the build cache ({@link BuildCache#EMPTY} to render
   *     everything)
   * @param next where this build records what it read and wrote, for the next one
   */
  public SiteRenderer(SiteConfig config, Templates templates, Path siteDir, Problems problems, LinkIndex links,
      Assets assets, BuildCache previous, BuildCache.Writer next) {
    this.previous = previous;
    this.next = next;
    this.fingerprints = new Fingerprints(templates, assets);
    this.links = links;
    this.assets = assets;
    this.config = config;
    this.templates = templates;
    this.problems = problems;
    this.siteDir = siteDir;
  }

  /**
   * One file of the output and how to make it.
   *
   * @param intrinsic a fingerprint of what the renderer's own code decides for this file (which
   *     pages a list shows, a page's neighbours, the template candidates); what templates read is
   *     recorded while it renders
   * @param mustRender render even when the cache says it is unchanged (its page's Markdown changed)
   */
  private record Output(String file, String origin, Path source, Renderer renderer, boolean primary,
      long intrinsic, boolean mustRender) {
    Output(String file, String origin, Path source, Renderer renderer, long intrinsic) {
      this(file, origin, source, renderer, false, intrinsic, false);
    }
  }

  @FunctionalInterface
  private interface Renderer {
    byte[] render() throws TemplateFailure, IOException;
  }

  /**
   * Renders everything into {@code out}. Problems go to the collector given at construction; the
   * caller decides whether to commit.
   */
  public Stats render(
      List<SourcePage> all,
      List<Resource> contentResources,
      List<Resource> staticFiles,
      List<Resource> themeStatic,
      Map<String, Object> data,
      Selection.Options options,
      StagedOutput out) {
    long planStart = System.nanoTime();
    Selection selection = new Selection(all, config, options, problems);
    Map<String, Resource> files = new HashMap<>();
    themeStatic.forEach(r -> files.put(r.outputPath(), r));
    staticFiles.forEach(r -> files.put(r.outputPath(), r));
    contentResources.forEach(r -> files.put(r.outputPath(), r));
    Map<String, Optional<ImageSize>> sizes = new ConcurrentHashMap<>();
    this.images = path -> {
      Optional<ImageSize> size = sizes.computeIfAbsent(path, p -> {
        Resource r = files.get(p);
        try {
          return r == null ? Optional.empty() : ImageSize.of(r.read());
        } catch (IOException e) {
          return Optional.empty();
        }
      });
      Map<String, Long> reads = MARKDOWN_READS.get();
      if (reads != null) {
        reads.put("img:" + path, imageFingerprint(size));
      }
      return size;
    };
    MarkdownRenderer markdown = new MarkdownRenderer(config.basePath(),
        config.baseUrl().getScheme() + "://" + config.baseUrl().getRawAuthority(), images);
    Set<String> resourcePaths = contentResources.stream().map(Resource::outputPath).collect(Collectors.toSet());
    Map<String, String> pageBySource = new HashMap<>();
    selection.paths.forEach((p, path) -> pageBySource.put(p.sourcePath(), path));
    LinkTargets targets = new LinkTargets() {
      @Override
      public Optional<String> page(String contentPath) {
        return Optional.ofNullable(pageBySource.get(contentPath));
      }

      @Override
      public Optional<String> whyNotBuilt(String contentPath) {
        return Optional.ofNullable(selection.excluded.get(contentPath));
      }

      @Override
      public boolean resource(String contentPath) {
        return resourcePaths.contains(contentPath);
      }
    };

    // Terms first: pages show their terms with counts.
    TermIndex terms = new TermIndex(selection.pages);

    // Section and home texts (_index.md) are few: render them first, every time.
    Map<String, Page> indexPages = new ConcurrentHashMap<>();
    selection.indexes.parallelStream().forEach(src -> {
      RenderedMarkdown md = markdown.render(src, targets, problems);
      String kind = src.section().isEmpty() ? "home" : "section";
      Page p = page(src, kind, selection.paths.get(src), md, terms);
      indexPages.put(src.section(), p);
      fingerprints.meta(src.sourcePath(), src.frontHash(), selection.paths.get(src));
      fingerprints.summary(src.sourcePath(), md.summaryHtml(), md.truncated(), md.readingTime(), md.wordCount());
      fingerprints.content(src.sourcePath(), Fingerprints.contentOf(md.html(), md.toc()));
    });

    // Regular pages are rendered in one pass each (Markdown, template, file) so that no page's
    // full HTML outlives its own file; lists then see each page's summary, not its content.
    Map<SourcePage, Page> skeletons = new IdentityHashMap<>();
    List<Page> made = selection.pages.parallelStream().map(src -> page(src, "page", selection.paths.get(src), null,
        terms)).toList();
    for (int i = 0; i < made.size(); i++) {
      skeletons.put(selection.pages.get(i), made.get(i));
    }
    Map<SourcePage, Page> finals = new ConcurrentHashMap<>();
    Assembly first = assemble(selection.pages, skeletons::get, indexPages, terms, data);
    AtomicReference<Assembly> complete = new AtomicReference<>();
    selection.pages.forEach(src -> fingerprints.meta(src.sourcePath(), src.frontHash(), selection.paths.get(src)));
    fingerprint(first, terms, data);

    // A page whose Markdown file and everything its Markdown used (link targets, image sizes) are
    // as the cache has them keeps its summary from there: lists need not render it again.
    Set<SourcePage> markdownStale = ConcurrentHashMap.newKeySet();
    selection.pages.parallelStream().forEach(src -> {
      BuildCache.Markdown m = previous.markdown(src.sourcePath());
      if (m == null || m.fileHash() != src.hash() || !markdownFresh(m, src, targets, selection.paths.get(src))) {
        markdownStale.add(src);
        return;
      }
      RenderedMarkdown md = new RenderedMarkdown("", m.summary(), m.truncated(), List.of(), m.words());
      finals.put(src, skeletons.get(src).withSummary(new SafeString(m.summary()), m.truncated(), md.readingTime(),
          m.words()));
      fingerprints.summary(src.sourcePath(), m.summaryFingerprint(), md.readingTime(), m.words());
      fingerprints.content(src.sourcePath(), m.contentFingerprint());
      next.markdown(src.sourcePath(), m);
    });

    List<Output> pageOutputs = new ArrayList<>();
    List<Output> outputs = new ArrayList<>();
    List<SitemapEntry> sitemap = new ArrayList<>();
    int listPages = 0;

    // Regular pages, with their neighbours in the section.
    Map<Page, Integer> positions = new IdentityHashMap<>();
    first.bySection().values().forEach(list -> {
      for (int i = 0; i < list.size(); i++) {
        positions.put(list.get(i), i);
      }
    });
    Map<Page, SourcePage> sourceOf = new IdentityHashMap<>();
    skeletons.forEach((src, p) -> sourceOf.put(p, src));
    for (Page p : first.pages()) {
      SourcePage src = sourceOf.get(p);
      List<Page> siblings = first.bySection().get(p.section());
      int i = positions.get(p);
      Page prev = i > 0 ? siblings.get(i - 1) : null;
      Page next = i + 1 < siblings.size() ? siblings.get(i + 1) : null;
      Section section = first.sectionByPath().get(p.section());
      List<String> candidates = pageTemplates(p);
      long intrinsic = new Hash64().add("page").add(p.path()).add(String.join(",", candidates))
          .add(prev == null ? null : prev.sourcePath()).add(next == null ? null : next.sourcePath())
          .add(p.section()).get();
      pageOutputs.add(new Output(Urls.outputFile(p.path()), "content/" + p.sourcePath(), p.file(), () -> {
        String name = templates.choose(candidates, p.file(), "page content/" + p.sourcePath());
        RenderedMarkdown md = renderMarkdown(markdown, src, targets, p.path());
        Page full = page(src, "page", p.path(), md, terms);
        finals.put(src, full.withoutContent());
        Map<String, Object> model = model(first.site(), full);
        model.put("prev", prev);
        model.put("next", next);
        model.put("section", section);
        return html(name, model, p.file());
      }, true, intrinsic, markdownStale.contains(src)));
      sitemap.add(new SitemapEntry(p.permalink(), p.modified()));
    }
    Supplier<Assembly> later = complete::get;

    // Home, paginated over the main sections' pages.
    String feedUrl = config.basePath() + "index.xml";
    Page home = indexPages.getOrDefault("", listPage("home", config.title(), "/", ""));
    listPages += paginate(outputs, sitemap, later, home, first.mainPages(), Assembly::mainPages,
        List.of("home.html"), a -> Map.of("feedUrl", feedUrl), feedUrl);
    outputs.add(feed(later, home, first.mainPages(), Assembly::mainPages, feedUrl));

    // Sections.
    for (Section s : first.sections()) {
      String top = top(s.path());
      String sectionFeed = s.page().url() + "index.xml";
      listPages += paginate(outputs, sitemap, later, s.page(), s.pages(),
          a -> a.sectionByPath().get(s.path()).pages(), List.of(top + "/section.html", "section.html"), a -> {
            Map<String, Object> extra = new HashMap<>();
            extra.put("section", a.sectionByPath().get(s.path()));
            extra.put("feedUrl", s.pages().isEmpty() ? feedUrl : sectionFeed);
            return extra;
          }, s.pages().isEmpty() ? feedUrl : sectionFeed);
      if (!s.pages().isEmpty()) {
        outputs.add(feed(later, s.page(), s.pages(), a -> a.sectionByPath().get(s.path()).pages(), sectionFeed));
      }
    }

    // Taxonomies and terms.
    for (Taxonomy t : config.taxonomies()) {
      List<Term> list = first.site().taxonomies().getOrDefault(t.plural(), List.of());
      if (list.isEmpty()) {
        continue;
      }
      Page taxonomyPage = indexPages.getOrDefault(t.plural(),
          listPage("taxonomy", humanize(t.plural()), "/" + t.plural() + "/", ""));
      Hash64 taxonomyIntrinsic = new Hash64().add("taxonomy").add(t.plural()).add(Fingerprints.identity(taxonomyPage));
      list.forEach(term -> taxonomyIntrinsic.add(term.slug()));
      outputs.add(new Output(Urls.outputFile(taxonomyPage.path()), "taxonomy " + t.plural(), null, () -> {
        String name = templates.choose(List.of(t.plural() + "/taxonomy.html", "taxonomy.html"), null, "taxonomy " + t.plural());
        Map<String, Object> model = model(later.get().site(), taxonomyPage);
        model.put("taxonomy", t.plural());
        model.put("terms", list);
        return html(name, model, null);
      }, taxonomyIntrinsic.get()));
      listPages++;
      sitemap.add(new SitemapEntry(taxonomyPage.permalink(), first.site().lastmod()));
      for (Term term : list) {
        List<SourcePage> termSources = terms.pages(t.plural(), term.slug());
        Page termPage = listPage("term", term.name(), "/" + t.plural() + "/" + term.slug() + "/", "");
        listPages += paginate(outputs, sitemap, later, termPage, sorted(termSources, skeletons::get),
            a -> a.termPages().get(t.plural()).get(term.slug()), List.of(t.plural() + "/term.html", "term.html"),
            a -> Map.of("term", term, "taxonomy", t.plural()), t.plural() + "/" + term.slug());
      }
    }

    // 404, sitemap, robots.txt.
    Page notFound = listPage("404", "Page not found", "/404.html", "");
    outputs.add(new Output("404.html", "404 page", null, () ->
        html(templates.choose(List.of("404.html"), null, "the 404 page"), model(later.get().site(), notFound), null),
        Hash64.of("404")));
    sitemap.sort(Comparator.comparing(SitemapEntry::loc));
    Hash64 sitemapIntrinsic = new Hash64().add("sitemap").add(Fingerprints.identity(home));
    sitemap.forEach(e -> sitemapIntrinsic.add(e.loc()).add(e.lastmod()));
    outputs.add(new Output("sitemap.xml", "sitemap", null, () -> {
      Map<String, Object> model = model(later.get().site(), home);
      model.put("entries", sitemap);
      return text(templates.choose(List.of("sitemap.xml"), null, "the sitemap"), model);
    }, sitemapIntrinsic.get()));
    outputs.add(new Output("robots.txt", "robots.txt", null, () -> {
      Map<String, Object> model = model(later.get().site(), home);
      model.put("sitemapUrl", absolute("/sitemap.xml"));
      return text(templates.choose(List.of("robots.txt"), null, "robots.txt"), model);
    }, Hash64.of("robots", Fingerprints.identity(home))));

    // Aliases: redirect pages at old URLs.
    for (Page p : first.pages()) {
      for (String alias : p.aliases()) {
        if (Urls.escapes(alias)) {
          continue;
        }
        String aliasPath = Urls.normalize(alias);
        outputs.add(new Output(Urls.outputFile(aliasPath), "alias " + alias + " of content/" + p.sourcePath(), p.file(), () -> {
          Map<String, Object> model = model(later.get().site(), p);
          model.put("target", p.permalink());
          return html(templates.choose(List.of("alias.html"), p.file(), "alias pages"), model, p.file());
        }, Hash64.of("alias", aliasPath, p.sourcePath(), p.permalink())));
      }
    }

    // Files copied as they are: content files beside pages, then static/.
    for (Resource r : contentResources) {
      outputs.add(copy(r));
    }
    for (Resource r : staticFiles) {
      outputs.add(copy(r));
    }

    // The contact form's thanks page, where the form's backend sends a browser without JavaScript
    // after a message went: the site's own page at that address when it has one, else a default.
    if (config.contact().isPresent()) {
      String thanksFile = Urls.outputFile(ContactSettings.THANKS_PATH);
      boolean own = pageOutputs.stream().anyMatch(o -> o.file().equals(thanksFile))
          || outputs.stream().anyMatch(o -> o.file().equals(thanksFile));
      if (!own) {
        Page thanks = listPage("contact-thanks", "Message sent", ContactSettings.THANKS_PATH, "");
        outputs.add(new Output(thanksFile, "the contact form's thanks page", null, () ->
            html(templates.choose(List.of("contact-thanks.html"), null, "the contact form's thanks page"),
                model(later.get().site(), thanks), null), Hash64.of("contact-thanks")));
      }
    }

    // No two outputs may want one file; the theme's static files give way to anything else.
    Map<String, Output> byFile = new LinkedHashMap<>();
    List<Output> everything = new ArrayList<>(pageOutputs);
    everything.addAll(outputs);
    for (Output o : everything) {
      Output other = byFile.putIfAbsent(o.file(), o);
      if (other != null) {
        Path file = other.source() != null ? other.source() : o.source();
        problems.add(Problem.of(file, other.origin() + " and " + o.origin() + " both want to write " + o.file()
            + "; rename or move one of them"));
      }
    }
    List<Output> rest = new ArrayList<>(outputs);
    for (Resource r : themeStatic) {
      if (!byFile.containsKey(r.outputPath())) {
        rest.add(copy(r));
      }
    }
    if (!problems.isEmpty()) {
      return new Stats(first.pages().size(), listPages, 0, 0, 0, 0);
    }

    long t0 = System.nanoTime();
    planNanos = t0 - planStart;
    if (!previous.isEmpty()) {
      out.previousFiles(previous.outputs().keySet());
    }
    write(pageOutputs, out);
    long pagesNanos = System.nanoTime() - t0;
    if (!problems.isEmpty()) {
      return new Stats(first.pages().size(), listPages, 0, 0, pagesNanos, 0);
    }
    complete.set(assemble(selection.pages, finals::get, indexPages, terms, data));
    long t1 = System.nanoTime();
    write(rest, out);
    // The fingerprinted copies that templates asked for with asset().
    assets.outputs().forEach((file, bytes) -> {
      if (!byFile.containsKey(file)) {
        out.write(file, bytes);
        // Listed in the cache so that the next build deletes it when it is no longer used.
        long hash = Hash64.of(bytes);
        BuildCache.Output was = previous.output(file);
        if (was == null || was.intrinsic() != hash) {
          renderedFiles.add(file);
          rendered.incrementAndGet();
        }
        next.output(file, new BuildCache.Output(hash, new String[0], new long[0], -1, -1, new String[0],
            new String[0], false));
      }
    });
    return new Stats(first.pages().size(), listPages, out.filesWritten(), rendered.get(), pagesNanos,
        System.nanoTime() - t1);
  }

  private long planNanos;
  private final Set<String> changedIds = ConcurrentHashMap.newKeySet();

  /** Pages rendered again whose element ids are not those of the last build (#links to them may break). */
  public Set<String> changedIds() {
    return Collections.unmodifiableSet(changedIds);
  }

  /** Time spent deciding what to render (selection, lists, fingerprints), before rendering. */
  public long planNanos() {
    return planNanos;
  }

  /** Output files rendered by this build (not known unchanged from the cache). */
  public Set<String> renderedFiles() {
    return Collections.unmodifiableSet(renderedFiles);
  }

  /** Fingerprints of the site-wide things templates can read: sections, terms, lists, data. */
  private void fingerprint(Assembly first, TermIndex terms, Map<String, Object> data) {
    Hash64 pages = new Hash64();
    first.pages().forEach(p -> pages.add(p.sourcePath()));
    fingerprints.put("s:pages", pages.get());
    Hash64 sections = new Hash64();
    for (Section s : first.sections()) {
      sections.add(s.path());
      fingerprints.put("sec:" + s.path(), Fingerprints.section(s));
      fingerprints.put("sec:" + s.path() + ":pages", Fingerprints.sectionPages(s));
    }
    fingerprints.put("s:sections", sections.get());
    Hash64 taxonomies = new Hash64();
    terms.terms().forEach((tax, list) -> {
      taxonomies.add(tax).add(list.size());
      for (Term t : list) {
        taxonomies.add(t.slug());
        fingerprints.put("k:" + tax + "/" + t.slug(), Fingerprints.term(t));
      }
    });
    fingerprints.put("s:taxonomies", taxonomies.get());
    fingerprints.put("s:lastmod", new Hash64().add(latest(first.pages())).get());
    fingerprints.put("s:data", Hash64.of(Json.value(data)));
  }

  /** What a page's Markdown read that the cache recorded: is it all the same now? */
  private boolean markdownFresh(BuildCache.Markdown m, SourcePage src, LinkTargets targets, String path) {
    String[] keys = m.keys();
    long[] fps = m.fingerprints();
    for (int i = 0; i < keys.length; i++) {
      String key = keys[i];
      long now;
      if (key.equals("self")) {
        now = Hash64.of(path);
      } else if (key.startsWith("page:")) {
        now = Hash64.of(targets.page(key.substring(5)).orElse(null));
      } else if (key.startsWith("why:")) {
        now = Hash64.of(targets.whyNotBuilt(key.substring(4)).orElse(null));
      } else if (key.startsWith("res:")) {
        now = targets.resource(key.substring(4)) ? 1 : 0;
      } else if (key.startsWith("img:")) {
        continue; // checked below, with the sizes known to this build
      } else {
        return false;
      }
      if (now != fps[i]) {
        return false;
      }
    }
    for (int i = 0; i < keys.length; i++) {
      // Checked outside any Markdown render, so the lookup records nothing.
      if (keys[i].startsWith("img:") && imageFingerprints.computeIfAbsent(keys[i],
          k -> imageFingerprint(images.apply(k.substring(4)))) != fps[i]) {
        return false;
      }
    }
    return true;
  }

  private java.util.function.Function<String, Optional<ImageSize>> images;
  private final Map<String, Long> imageFingerprints = new ConcurrentHashMap<>();

  private static long imageFingerprint(Optional<ImageSize> size) {
    return size.map(s -> Hash64.of(s.width() + "x" + s.height())).orElse(0L);
  }

  /** What a page's Markdown reads while it renders: link targets and image sizes. */
  private static final ThreadLocal<Map<String, Long>> MARKDOWN_READS = new ThreadLocal<>();

  /** Renders a page's Markdown, recording what it read in the next cache. */
  private RenderedMarkdown renderMarkdown(MarkdownRenderer markdown, SourcePage src, LinkTargets targets,
      String path) {
    Map<String, Long> reads = new LinkedHashMap<>();
    reads.put("self", Hash64.of(path));
    LinkTargets recording = new LinkTargets() {
      @Override
      public Optional<String> page(String contentPath) {
        Optional<String> r = targets.page(contentPath);
        reads.put("page:" + contentPath, Hash64.of(r.orElse(null)));
        return r;
      }

      @Override
      public Optional<String> whyNotBuilt(String contentPath) {
        Optional<String> r = targets.whyNotBuilt(contentPath);
        reads.put("why:" + contentPath, Hash64.of(r.orElse(null)));
        return r;
      }

      @Override
      public boolean resource(String contentPath) {
        boolean r = targets.resource(contentPath);
        reads.put("res:" + contentPath, r ? 1L : 0L);
        return r;
      }
    };
    MARKDOWN_READS.set(reads);
    RenderedMarkdown md;
    try {
      md = markdown.render(src, recording, problems);
    } finally {
      MARKDOWN_READS.remove();
    }
    long content = Fingerprints.contentOf(md.html(), md.toc());
    long summary = fingerprints.summary(src.sourcePath(), md.summaryHtml(), md.truncated(), md.readingTime(),
        md.wordCount());
    fingerprints.content(src.sourcePath(), content);
    String[] keys = reads.keySet().toArray(String[]::new);
    long[] fps = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      fps[i] = reads.get(keys[i]);
    }
    next.markdown(src.sourcePath(), new BuildCache.Markdown(src.hash(), keys, fps, md.summaryHtml(), md.truncated(),
        md.toc(), md.wordCount(), content, summary));
    return md;
  }

  private void write(List<Output> outputs, StagedOutput out) {
    outputs.parallelStream().forEach(o -> {
      BuildCache.Output cached = previous.output(o.file());
      if (!o.mustRender() && unchanged(o, cached, out)) {
        out.keep(o.file());
        if (links != null && o.file().endsWith(".html")) {
          links.keep(o.file(), o.origin(), o.source(), o.primary(), new LinkIndex.Scanned(cached.ids(), cached.links()),
              cached.brokenLinks());
        }
        for (String key : cached.keys()) {
          if (key.startsWith("a:")) {
            assets.keep(key.substring(2));
          }
        }
        next.output(o.file(), cached);
        return;
      }
      Deps.Recorder recorder = Deps.begin();
      try {
        byte[] bytes = o.renderer().render();
        LinkIndex.Scanned scanned = NOTHING_SCANNED;
        if (links != null && o.file().endsWith(".html")) {
          scanned = links.add(o.file(), o.origin(), o.source(), o.primary(), bytes);
        }
        out.write(o.file(), bytes);
        rendered.incrementAndGet();
        renderedFiles.add(o.file());
        String[] keys = recorder.keys().toArray(String[]::new);
        long[] fps = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
          Long now = fingerprints.resolve(keys[i]);
          fps[i] = now == null ? UNKNOWN : now;
        }
        next.output(o.file(), new BuildCache.Output(o.intrinsic(), keys, fps, -1, -1, scanned.ids(), scanned.links(),
            false));
        if (cached != null && !Set.of(cached.ids()).equals(Set.of(scanned.ids()))) {
          changedIds.add(o.file());
        }
      } catch (TemplateFailure e) {
        problems.add(e.problem());
      } catch (IOException e) {
        problems.add(Problem.of(o.source(), "cannot read " + o.origin() + ": " + e));
      } finally {
        Deps.end();
      }
    });
  }

  private static final LinkIndex.Scanned NOTHING_SCANNED = new LinkIndex.Scanned(new String[0], new String[0]);
  /** Stands for a fingerprint that was not known when the file was written: never equal to a real one. */
  private static final long UNKNOWN = 0x5eed_0000_dead_beefL;

  /** Whether the cache shows that {@code o} would come out as the file already in the output. */
  private boolean unchanged(Output o, BuildCache.Output cached, StagedOutput out) {
    if (cached == null || cached.intrinsic() != o.intrinsic()) {
      return false;
    }
    String[] keys = cached.keys();
    long[] fps = cached.fingerprints();
    for (int i = 0; i < keys.length; i++) {
      Long now = fingerprints.resolve(keys[i]);
      if (now == null || now != fps[i]) {
        return false;
      }
    }
    if (!previous.fromFile()) {
      // This process wrote the output and the cache that describes it, the last build.
      return true;
    }
    StagedOutput.FileState state = out.state(o.file());
    return state != null && state.size() == cached.size() && state.modified() == cached.modified();
  }

  private static List<Page> sorted(List<SourcePage> sources, Function<SourcePage, Page> resolve) {
    return sources.stream().map(resolve).sorted(ORDER).toList();
  }

  /** The site's lists, made from either the pages before rendering or the rendered ones. */
  private record Assembly(
      List<Page> pages, Map<String, List<Page>> bySection, List<Section> sections,
      Map<String, Section> sectionByPath, List<Page> mainPages, SiteView site,
      Map<String, Map<String, List<Page>>> termPages) {}

  private Assembly assemble(List<SourcePage> sources, Function<SourcePage, Page> resolve,
      Map<String, Page> indexPages, TermIndex terms, Map<String, Object> data) {
    List<Page> pages = sorted(sources, resolve);
    // Sections: every folder with pages or an _index.md, and the folders above them.
    Map<String, List<Page>> bySection = new TreeMap<>();
    for (Page p : pages) {
      bySection.computeIfAbsent(p.section(), k -> new ArrayList<>()).add(p);
    }
    Set<String> sectionPaths = new TreeSet<>();
    for (String s : bySection.keySet()) {
      addWithParents(sectionPaths, s);
    }
    for (String s : indexPages.keySet()) {
      addWithParents(sectionPaths, s);
    }
    sectionPaths.remove("");
    // content/tags/_index.md gives the taxonomy page its text; it is no section of its own.
    for (Taxonomy t : config.taxonomies()) {
      if (!bySection.containsKey(t.plural())) {
        sectionPaths.remove(t.plural());
      }
    }
    List<Section> sections = new ArrayList<>();
    Map<String, Section> sectionByPath = new HashMap<>();
    for (String s : sectionPaths) {
      List<Page> list = bySection.getOrDefault(s, List.of());
      Page sp = indexPages.getOrDefault(s, listPage("section", humanize(s.substring(s.lastIndexOf('/') + 1)), "/" + s + "/", s));
      List<String> children = sectionPaths.stream()
          .filter(c -> c.startsWith(s + "/") && c.indexOf('/', s.length() + 1) < 0).toList();
      Section section = new Section(s, sp.title(), sp, List.copyOf(list), children);
      sections.add(section);
      sectionByPath.put(s, section);
    }
    List<Page> mainPages = mainPages(pages);
    SiteView site = new SiteView(config.title(), config.baseUrl().toString(), config.language(), config.author(),
        config.description(), config.menus(), config.params(), new ReadTracked(data, "s:data"), pages,
        List.copyOf(sections),
        terms.terms(), latest(pages), config.basePath() + "index.xml", config.contact().isPresent());
    // Each term's pages in list order: the order of all pages, filtered.
    Map<String, Map<String, List<Page>>> termPages = new HashMap<>();
    for (Page p : pages) {
      p.taxonomies().forEach((tax, list) -> {
        for (Term t : list) {
          termPages.computeIfAbsent(tax, k -> new HashMap<>()).computeIfAbsent(t.slug(), k -> new ArrayList<>()).add(p);
        }
      });
    }
    return new Assembly(pages, bySection, List.copyOf(sections), sectionByPath, mainPages, site, termPages);
  }

  private Output copy(Resource r) {
    Hash64 h = new Hash64().add("copy").add(r.origin());
    if (r.bytes() != null) {
      h.add(r.bytes());
    } else {
      try {
        BasicFileAttributes attrs = Files.readAttributes(r.file(), BasicFileAttributes.class);
        h.add(attrs.size()).add(ContentLoader.nanos(attrs.lastModifiedTime()));
      } catch (IOException e) {
        h.add("unreadable");
      }
    }
    return new Output(r.outputPath(), r.origin(), r.file(), r::read, h.get());
  }

  private Output feed(Supplier<Assembly> later, Page list, List<Page> known, Function<Assembly, List<Page>> items,
      String url) {
    String path = url.substring(config.basePath().length() - 1);
    Hash64 intrinsic = new Hash64().add("feed").add(path).add(Fingerprints.identity(list));
    List<Page> knownItems = feedItems(known);
    knownItems.forEach(p -> intrinsic.add(p.sourcePath()));
    intrinsic.add(latest(knownItems));
    return new Output(Urls.outputFile(path), "feed " + path, null, () -> {
      Assembly a = later.get();
      List<Page> dated = feedItems(items.apply(a));
      Map<String, Object> model = model(a.site(), list);
      model.put("items", dated);
      model.put("feedUrl", absolute(path));
      model.put("updated", latest(dated));
      return text(templates.choose(List.of("rss.xml"), null, "feeds"), model);
    }, intrinsic.get());
  }

  /** The newest dated pages of a list, as a feed shows them. */
  private List<Page> feedItems(List<Page> pages) {
    return pages.stream().filter(p -> p.date() != null)
        .sorted(Comparator.comparing(Page::date).reversed().thenComparing(ORDER))
        .limit(config.feedLimit()).toList();
  }

  /** Adds the pages of a paginated list; returns how many. */
  private int paginate(List<Output> outputs, List<SitemapEntry> sitemap, Supplier<Assembly> later, Page list,
      List<Page> known, Function<Assembly, List<Page>> items, List<String> candidates,
      Function<Assembly, Map<String, Object>> extra, String variant) {
    int size = config.paginationSize();
    int count = known.size();
    int total = Math.max(1, (count + size - 1) / size);
    List<String> urls = new ArrayList<>(total);
    List<String> paths = new ArrayList<>(total);
    for (int n = 1; n <= total; n++) {
      String path = n == 1 ? list.path() : list.path() + config.paginationPath() + "/" + n + "/";
      paths.add(path);
      urls.add(config.basePath() + path.substring(1));
    }
    List<String> allUrls = List.copyOf(urls);
    for (int n = 1; n <= total; n++) {
      int number = n;
      Page at = n == 1 ? list : list.at(paths.get(n - 1), urls.get(n - 1), absolute(paths.get(n - 1)));
      String origin = (list.sourcePath() != null ? "content/" + list.sourcePath() : list.kind() + " " + list.path())
          + (n > 1 ? " (page " + n + ")" : "");
      Hash64 intrinsic = new Hash64().add("list").add(origin).add(paths.get(n - 1)).add(String.join(",", candidates))
          .add(Fingerprints.identity(list)).add(variant).add(number).add(total).add(count);
      known.subList(Math.min(count, (number - 1) * size), Math.min(count, number * size))
          .forEach(p -> intrinsic.add(p.sourcePath()));
      outputs.add(new Output(Urls.outputFile(paths.get(n - 1)), origin, list.file(), () -> {
        Assembly a = later.get();
        List<Page> all = items.apply(a);
        List<Page> slice = all.subList(Math.min(all.size(), (number - 1) * size), Math.min(all.size(), number * size));
        Paginator paginator = new Paginator(List.copyOf(slice), number, total, all.size(), allUrls.get(0),
            allUrls.get(total - 1), number > 1 ? allUrls.get(number - 2) : null,
            number < total ? allUrls.get(number) : null, allUrls);
        String name = templates.choose(candidates, list.file(), list.kind() + " page " + list.path());
        Map<String, Object> model = model(a.site(), at);
        model.putAll(extra.apply(a));
        model.put("paginator", paginator);
        return html(name, model, list.file());
      }, intrinsic.get()));
      if (number == 1) {
        ZonedDateTime lastmod = latest(known);
        sitemap.add(new SitemapEntry(at.permalink(), lastmod != null ? lastmod : at.modified()));
      }
    }
    return total;
  }

  private static Map<String, Object> model(SiteView site, Page page) {
    Map<String, Object> model = new HashMap<>();
    model.put("site", site);
    model.put("page", page);
    model.put("data", site.data());
    return model;
  }

  private byte[] html(String template, Map<String, Object> model, Path forFile) throws TemplateFailure {
    return templates.render(template, model, forFile);
  }

  private byte[] text(String template, Map<String, Object> model) throws TemplateFailure {
    return templates.render(template, model, null);
  }

  private List<String> pageTemplates(Page p) {
    String top = p.section().contains("/") ? p.section().substring(0, p.section().indexOf('/')) : p.section();
    List<String> names = new ArrayList<>();
    if (p.layout() != null) {
      if (!top.isEmpty()) {
        names.add(top + "/" + p.layout() + ".html");
      }
      names.add(p.layout() + ".html");
      return names;
    }
    if (!top.isEmpty()) {
      names.add(top + "/page.html");
    }
    names.add("page.html");
    return names;
  }

  private List<Page> mainPages(List<Page> pages) {
    Set<String> main = new HashSet<>(config.mainSections());
    if (main.isEmpty()) {
      Map<String, Integer> counts = new TreeMap<>();
      for (Page p : pages) {
        if (!p.section().isEmpty()) {
          counts.merge(top(p.section()), 1, Integer::sum);
        }
      }
      counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
              .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
          .ifPresent(e -> main.add(e.getKey()));
    }
    if (main.isEmpty()) {
      return pages;
    }
    return pages.stream().filter(p -> main.contains(top(p.section()))).toList();
  }

  private static String top(String section) {
    return section.contains("/") ? section.substring(0, section.indexOf('/')) : section;
  }

  private static void addWithParents(Set<String> set, String section) {
    String s = section;
    while (!s.isEmpty()) {
      set.add(s);
      s = s.contains("/") ? s.substring(0, s.lastIndexOf('/')) : "";
    }
  }

  private Page page(SourcePage src, String kind, String path, RenderedMarkdown md, TermIndex terms) {
    var f = src.front();
    String title = f.title().orElseGet(() -> kind.equals("home") ? config.title() : humanize(src.slugOrName()));
    Map<String, List<Term>> pageTerms = new TreeMap<>();
    f.taxonomies().forEach((tax, names) -> {
      List<Term> list = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (String name : names) {
        terms.term(tax, slug(name)).filter(t -> seen.add(t.slug())).ifPresent(list::add);
      }
      pageTerms.put(tax, List.copyOf(list));
    });
    return new Page(kind, title, f.description().orElse(""), path, config.basePath() + path.substring(1),
        absolute(path), f.date().orElse(null), f.lastmod().orElse(null), f.draft(), f.weight(),
        src.kind() == SourcePage.Kind.INDEX ? src.section() : src.section(), f.layout().orElse(null),
        md == null ? EMPTY : new SafeString(md.html()), md == null ? EMPTY : new SafeString(md.summaryHtml()),
        md != null && md.truncated(), md == null ? List.of() : md.toc(),
        md == null ? EMPTY : new SafeString(tocHtml(md.toc())), md == null ? 0 : md.readingTime(),
        md == null ? 0 : md.wordCount(), Collections.unmodifiableMap(pageTerms),
        f.aliases(), f.params(), src.file(), src.sourcePath(),
        md == null ? Deps.META : Deps.META | Deps.SUMMARY | Deps.CONTENT);
  }

  /** Term names repeat on thousands of pages: each is made into a slug once a build. */
  private final Map<String, String> slugs = new ConcurrentHashMap<>();

  private String slug(String name) {
    return slugs.computeIfAbsent(name, Urls::slugify);
  }

  private Page listPage(String kind, String title, String path, String section) {
    return new Page(kind, title, "", path, config.basePath() + path.substring(1), absolute(path), null, null, false,
        0, section, null, new SafeString(""), new SafeString(""), false, List.of(), new SafeString(""), 0, 0,
        Map.of(), List.of(), Map.of(), null, null, 0);
  }

  private String absolute(String sitePath) {
    return config.absoluteUrl(sitePath);
  }

  static String humanize(String slug) {
    String s = slug.replace('-', ' ').replace('_', ' ').strip();
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  private static ZonedDateTime latest(List<Page> pages) {
    return pages.stream().map(Page::modified).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
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

  /** Taxonomy terms and their pages, found from front matter. */
  private final class TermIndex {
    private final Map<String, TreeMap<String, TreeSet<String>>> names = new TreeMap<>();
    private final Map<String, Map<String, List<SourcePage>>> pages = new TreeMap<>();
    private Map<String, List<Term>> terms;
    private final Map<String, Map<String, Term>> bySlug = new HashMap<>();

    TermIndex(List<SourcePage> sources) {
      for (SourcePage src : sources) {
        src.front().taxonomies().forEach((tax, list) -> {
          Set<String> seen = new HashSet<>();
          for (int i = 0; i < list.size(); i++) {
            String name = list.get(i).strip();
            String slug = slug(name);
            if (slug.isEmpty()) {
              problems.add(Problem.at(src.file(), src.front().document().line(tax + "." + i),
                  tax + " '" + name + "' has no letters or digits to make a URL from; rename it"));
              continue;
            }
            if (!seen.add(slug)) {
              continue;
            }
            names.computeIfAbsent(tax, k -> new TreeMap<>()).computeIfAbsent(slug, k -> new TreeSet<>()).add(name);
            pages.computeIfAbsent(tax, k -> new TreeMap<>()).computeIfAbsent(slug, k -> new ArrayList<>()).add(src);
          }
        });
      }
      Map<String, List<Term>> all = new TreeMap<>();
      names.forEach((tax, slugs) -> {
        List<Term> list = new ArrayList<>();
        Map<String, Term> index = new HashMap<>();
        slugs.forEach((slug, ns) -> {
          String path = "/" + tax + "/" + slug + "/";
          Term t = new Term(tax, ns.first(), slug, config.basePath() + path.substring(1), pages.get(tax).get(slug).size());
          list.add(t);
          index.put(slug, t);
        });
        all.put(tax, List.copyOf(list));
        bySlug.put(tax, index);
      });
      this.terms = Collections.unmodifiableMap(all);
    }

    Map<String, List<Term>> terms() {
      return terms;
    }

    Optional<Term> term(String taxonomy, String slug) {
      return Optional.ofNullable(bySlug.getOrDefault(taxonomy, Map.of()).get(slug));
    }

    List<SourcePage> pages(String taxonomy, String slug) {
      return pages.getOrDefault(taxonomy, Map.of()).getOrDefault(slug, List.of());
    }
  }

  /** One URL of sitemap.xml. */
  public record SitemapEntry(String loc, ZonedDateTime lastmod) {}
}
