package dev.edgepress.generator.render;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
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
import java.nio.file.Path;
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

  /** What the build produced, for the result and the log. */
  public record Stats(int pages, int listPages, int files, long markdownNanos, long outputNanos) {}

  private final SiteConfig config;
  private final Templates templates;
  private final Problems problems;
  private final Path siteDir;

  private final LinkIndex links;

  private final Assets assets;

  public SiteRenderer(SiteConfig config, Templates templates, Path siteDir, Problems problems, LinkIndex links,
      Assets assets) {
    this.links = links;
    this.assets = assets;
    this.config = config;
    this.templates = templates;
    this.problems = problems;
    this.siteDir = siteDir;
  }

  /** One file of the output and how to make it. */
  private record Output(String file, String origin, Path source, Renderer renderer, boolean primary) {
    Output(String file, String origin, Path source, Renderer renderer) {
      this(file, origin, source, renderer, false);
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
    Selection selection = new Selection(all, config, options, problems);
    Map<String, Resource> files = new HashMap<>();
    themeStatic.forEach(r -> files.put(r.outputPath(), r));
    staticFiles.forEach(r -> files.put(r.outputPath(), r));
    contentResources.forEach(r -> files.put(r.outputPath(), r));
    Map<String, Optional<ImageSize>> sizes = new ConcurrentHashMap<>();
    MarkdownRenderer markdown = new MarkdownRenderer(config.basePath(),
        config.baseUrl().getScheme() + "://" + config.baseUrl().getRawAuthority(),
        path -> sizes.computeIfAbsent(path, p -> {
          Resource r = files.get(p);
          try {
            return r == null ? Optional.empty() : ImageSize.of(r.read());
          } catch (IOException e) {
            return Optional.empty();
          }
        }));
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

    // Section and home texts (_index.md) are few: render them first.
    Map<String, Page> indexPages = new ConcurrentHashMap<>();
    selection.indexes.parallelStream().forEach(src -> {
      RenderedMarkdown md = markdown.render(src, targets, problems);
      String kind = src.section().isEmpty() ? "home" : "section";
      indexPages.put(src.section(), page(src, kind, selection.paths.get(src), md, terms));
    });

    // Regular pages are rendered in one pass each (Markdown, template, file) so that no page's
    // full HTML outlives its own file; lists then see each page's summary, not its content.
    Map<SourcePage, Page> skeletons = new IdentityHashMap<>();
    for (SourcePage src : selection.pages) {
      skeletons.put(src, page(src, "page", selection.paths.get(src), null, terms));
    }
    Map<SourcePage, Page> finals = new ConcurrentHashMap<>();
    Assembly first = assemble(selection.pages, skeletons::get, indexPages, terms, data);
    AtomicReference<Assembly> complete = new AtomicReference<>();

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
      pageOutputs.add(new Output(Urls.outputFile(p.path()), "content/" + p.sourcePath(), p.file(), () -> {
        String name = templates.choose(candidates, p.file(), "page content/" + p.sourcePath());
        RenderedMarkdown md = markdown.render(src, targets, problems);
        Page full = page(src, "page", p.path(), md, terms);
        finals.put(src, full.withoutContent());
        Map<String, Object> model = model(first.site(), full);
        model.put("prev", prev);
        model.put("next", next);
        model.put("section", section);
        return html(name, model, p.file());
      }, true));
      sitemap.add(new SitemapEntry(p.permalink(), p.modified()));
    }
    Supplier<Assembly> later = complete::get;

    // Home, paginated over the main sections' pages.
    String feedUrl = config.basePath() + "index.xml";
    Page home = indexPages.getOrDefault("", listPage("home", config.title(), "/", ""));
    listPages += paginate(outputs, sitemap, later, home, first.mainPages(), Assembly::mainPages,
        List.of("home.html"), a -> Map.of("feedUrl", feedUrl));
    outputs.add(feed(later, home, Assembly::mainPages, feedUrl));

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
          });
      if (!s.pages().isEmpty()) {
        outputs.add(feed(later, s.page(), a -> a.sectionByPath().get(s.path()).pages(), sectionFeed));
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
      outputs.add(new Output(Urls.outputFile(taxonomyPage.path()), "taxonomy " + t.plural(), null, () -> {
        String name = templates.choose(List.of(t.plural() + "/taxonomy.html", "taxonomy.html"), null, "taxonomy " + t.plural());
        Map<String, Object> model = model(later.get().site(), taxonomyPage);
        model.put("taxonomy", t.plural());
        model.put("terms", list);
        return html(name, model, null);
      }));
      listPages++;
      sitemap.add(new SitemapEntry(taxonomyPage.permalink(), first.site().lastmod()));
      for (Term term : list) {
        List<SourcePage> termSources = terms.pages(t.plural(), term.slug());
        Page termPage = listPage("term", term.name(), "/" + t.plural() + "/" + term.slug() + "/", "");
        listPages += paginate(outputs, sitemap, later, termPage, sorted(termSources, skeletons::get),
            a -> a.termPages().get(t.plural()).get(term.slug()), List.of(t.plural() + "/term.html", "term.html"),
            a -> Map.of("term", term, "taxonomy", t.plural()));
      }
    }

    // 404, sitemap, robots.txt.
    Page notFound = listPage("404", "Page not found", "/404.html", "");
    outputs.add(new Output("404.html", "404 page", null, () ->
        html(templates.choose(List.of("404.html"), null, "the 404 page"), model(later.get().site(), notFound), null)));
    sitemap.sort(Comparator.comparing(SitemapEntry::loc));
    outputs.add(new Output("sitemap.xml", "sitemap", null, () -> {
      Map<String, Object> model = model(later.get().site(), home);
      model.put("entries", sitemap);
      return text(templates.choose(List.of("sitemap.xml"), null, "the sitemap"), model);
    }));
    outputs.add(new Output("robots.txt", "robots.txt", null, () -> {
      Map<String, Object> model = model(later.get().site(), home);
      model.put("sitemapUrl", absolute("/sitemap.xml"));
      return text(templates.choose(List.of("robots.txt"), null, "robots.txt"), model);
    }));

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
        }));
      }
    }

    // Files copied as they are: content files beside pages, then static/.
    for (Resource r : contentResources) {
      outputs.add(copy(r));
    }
    for (Resource r : staticFiles) {
      outputs.add(copy(r));
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
      return new Stats(first.pages().size(), listPages, 0, 0, 0);
    }

    long t0 = System.nanoTime();
    write(pageOutputs, out);
    long pagesNanos = System.nanoTime() - t0;
    if (!problems.isEmpty()) {
      return new Stats(first.pages().size(), listPages, 0, pagesNanos, 0);
    }
    complete.set(assemble(selection.pages, finals::get, indexPages, terms, data));
    long t1 = System.nanoTime();
    write(rest, out);
    // The fingerprinted copies that templates asked for with asset().
    assets.outputs().forEach((file, bytes) -> {
      if (!byFile.containsKey(file)) {
        out.write(file, bytes);
      }
    });
    return new Stats(first.pages().size(), listPages, out.filesWritten(), pagesNanos, System.nanoTime() - t1);
  }

  private void write(List<Output> outputs, StagedOutput out) {
    outputs.parallelStream().forEach(o -> {
      try {
        byte[] bytes = o.renderer().render();
        if (links != null && o.file().endsWith(".html")) {
          links.add(o.file(), o.origin(), o.source(), o.primary(), bytes);
        }
        out.write(o.file(), bytes);
      } catch (TemplateFailure e) {
        problems.add(e.problem());
      } catch (IOException e) {
        problems.add(Problem.of(o.source(), "cannot read " + o.origin() + ": " + e));
      }
    });
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
        config.description(), config.menus(), config.params(), data, pages, List.copyOf(sections),
        terms.terms(), latest(pages), config.basePath() + "index.xml");
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
    return new Output(r.outputPath(), r.origin(), r.file(), r::read);
  }

  private Output feed(Supplier<Assembly> later, Page list, Function<Assembly, List<Page>> items, String url) {
    String path = url.substring(config.basePath().length() - 1);
    return new Output(Urls.outputFile(path), "feed " + path, null, () -> {
      Assembly a = later.get();
      List<Page> dated = items.apply(a).stream().filter(p -> p.date() != null)
          .sorted(Comparator.comparing(Page::date).reversed().thenComparing(ORDER))
          .limit(config.feedLimit()).toList();
      Map<String, Object> model = model(a.site(), list);
      model.put("items", dated);
      model.put("feedUrl", absolute(path));
      model.put("updated", latest(dated));
      return text(templates.choose(List.of("rss.xml"), null, "feeds"), model);
    });
  }

  /** Adds the pages of a paginated list; returns how many. */
  private int paginate(List<Output> outputs, List<SitemapEntry> sitemap, Supplier<Assembly> later, Page list,
      List<Page> known, Function<Assembly, List<Page>> items, List<String> candidates,
      Function<Assembly, Map<String, Object>> extra) {
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
      }));
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
        terms.term(tax, Urls.slugify(name)).filter(t -> seen.add(t.slug())).ifPresent(list::add);
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
        f.aliases(), f.params(), src.file(), src.sourcePath());
  }

  private Page listPage(String kind, String title, String path, String section) {
    return new Page(kind, title, "", path, config.basePath() + path.substring(1), absolute(path), null, null, false,
        0, section, null, new SafeString(""), new SafeString(""), false, List.of(), new SafeString(""), 0, 0,
        Map.of(), List.of(), Map.of(), null, null);
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
            String slug = Urls.slugify(name);
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
