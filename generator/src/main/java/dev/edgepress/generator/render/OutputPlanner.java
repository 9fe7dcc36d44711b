package dev.edgepress.generator.render;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import dev.edgepress.generator.cache.Hash64;
import dev.edgepress.generator.cache.Reads;
import dev.edgepress.generator.config.ContactSettings;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.config.Taxonomy;
import dev.edgepress.generator.content.FileStamp;
import dev.edgepress.generator.content.Resource;
import dev.edgepress.generator.content.SourcePage;
import dev.edgepress.generator.content.Urls;
import dev.edgepress.generator.markdown.RenderedMarkdown;
import dev.edgepress.generator.template.TemplateFailure;
import dev.edgepress.generator.template.Templates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Plans a build's output: every file (regular pages with their neighbours, paginated lists of the
 * home page, sections and terms, feeds, taxonomy pages, the 404 page, sitemap.xml, robots.txt, alias
 * redirects, copied files, the contact form's thanks page), each with how to render it and a
 * fingerprint of what the plan decided for it; and checks that no two want the same file.
 */
final class OutputPlanner {

  /**
   * The outputs of a build, in the order they are written.
   *
   * @param pages regular pages, written first: each renders its Markdown and tells the later lists its summary
   * @param rest everything else, written once the lists can show the rendered pages
   * @param files every output file planned (a fingerprinted asset at one of them is not written)
   * @param listPages home, section, taxonomy and term pages, each page of a paginated list counted
   */
  record Plan(List<Output> pages, List<Output> rest, Set<String> files, int listPages) {
    Plan {
      pages = List.copyOf(pages);
      rest = List.copyOf(rest);
      files = Set.copyOf(files);
    }
  }

  /**
   * The pages a build knows before it renders them.
   *
   * @param first the site's lists made from the pages before rendering: what the plan decides from
   * @param later the lists made from the rendered pages, known once the regular pages are written:
   *     what list pages show
   * @param skeletons each Markdown file's page before rendering, as {@code first} has it
   * @param markdownStale the Markdown files whose cached summary cannot be used: their pages render
   *     even when the cache says the output is unchanged
   * @param finals where each rendered page leaves itself for the lists, without its full content
   * @param indexPages the pages of _index.md files, by section
   */
  record Known(Assembly first, Supplier<Assembly> later, Map<SourcePage, Page> skeletons, Set<SourcePage> markdownStale,
      Map<SourcePage, Page> finals, Map<String, Page> indexPages, TermIndex terms) {}

  /** The site path of the site's feed: the main sections' newest pages. */
  static final String SITE_FEED = "/index.xml";

  private final SiteConfig config;
  private final Templates templates;
  private final PageFactory factory;
  private final MarkdownPass markdown;
  private final Problems problems;

  OutputPlanner(SiteConfig config, Templates templates, PageFactory factory, MarkdownPass markdown, Problems problems) {
    this.config = config;
    this.templates = templates;
    this.factory = factory;
    this.markdown = markdown;
    this.problems = problems;
  }

  /** Plans every output; a collision or other problem goes to the collector. */
  Plan plan(Known known, List<Resource> contentResources, List<Resource> staticFiles, List<Resource> themeStatic) {
    List<Output> pageOutputs = new ArrayList<>();
    List<Output> outputs = new ArrayList<>();
    List<SitemapEntry> sitemap = new ArrayList<>();
    pages(known, pageOutputs, sitemap);
    Page home = known.indexPages().getOrDefault("", factory.listPage("home", config.title(), "/", ""));
    int listPages = lists(known, home, outputs, sitemap);
    special(known.later(), home, outputs, sitemap);
    aliases(known.first(), known.later(), outputs);

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
        Page thanks = factory.listPage("contact-thanks", "Message sent", ContactSettings.THANKS_PATH, "");
        outputs.add(new Output(thanksFile, "the contact form's thanks page", null, reads ->
            html(templates.choose(List.of("contact-thanks.html"), reads, null, "the contact form's thanks page"),
                model(known.later().get().site(), thanks, reads), reads, null), Hash64.of("contact-thanks")));
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
    return new Plan(pageOutputs, rest, byFile.keySet(), listPages);
  }

  /** Regular pages, with their neighbours in the section. */
  private void pages(Known known, List<Output> pageOutputs, List<SitemapEntry> sitemap) {
    Assembly first = known.first();
    Map<Page, Integer> positions = new IdentityHashMap<>();
    first.bySection().values().forEach(list -> {
      for (int i = 0; i < list.size(); i++) {
        positions.put(list.get(i), i);
      }
    });
    Map<Page, SourcePage> sourceOf = new IdentityHashMap<>();
    known.skeletons().forEach((src, p) -> sourceOf.put(p, src));
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
      pageOutputs.add(new Output(Urls.outputFile(p.path()), "content/" + p.sourcePath(), p.file(), reads -> {
        // The page as lists show it comes first: they render even when this page's template fails.
        RenderedMarkdown md = markdown.render(src, p.path());
        Page full = factory.page(src, "page", p.path(), md);
        known.finals().put(src, full.withoutContent());
        String name = templates.choose(candidates, reads, p.file(), "page content/" + p.sourcePath());
        Map<String, Object> model = model(first.site(), full, reads);
        model.put("prev", prev);
        model.put("next", next);
        model.put("section", section);
        return html(name, model, reads, p.file());
      }, true, intrinsic, known.markdownStale().contains(src)));
      sitemap.add(new SitemapEntry(p.permalink(), p.modified()));
    }
  }

  /** The home page, sections, taxonomies and terms, with their feeds; returns how many list pages. */
  private int lists(Known known, Page home, List<Output> outputs, List<SitemapEntry> sitemap) {
    Assembly first = known.first();
    Supplier<Assembly> later = known.later();
    Map<String, Page> indexPages = known.indexPages();
    int listPages = 0;
    // Home, paginated over the main sections' pages.
    String feedUrl = Urls.link(config, SITE_FEED);
    listPages += paginate(outputs, sitemap, later, home, first.mainPages(), Assembly::mainPages,
        List.of("home.html"), a -> Map.of("feedUrl", feedUrl), feedUrl);
    outputs.add(feed(later, home, first.mainPages(), Assembly::mainPages, SITE_FEED));

    // Sections.
    for (Section s : first.sections()) {
      String top = Urls.topSection(s.path());
      String sectionFeedPath = s.page().path() + "index.xml";
      String sectionFeed = Urls.link(config, sectionFeedPath);
      listPages += paginate(outputs, sitemap, later, s.page(), s.pages(),
          a -> a.sectionByPath().get(s.path()).pages(), List.of(top + "/section.html", "section.html"), a -> {
            Map<String, Object> extra = new HashMap<>();
            extra.put("section", a.sectionByPath().get(s.path()));
            extra.put("feedUrl", s.pages().isEmpty() ? feedUrl : sectionFeed);
            return extra;
          }, s.pages().isEmpty() ? feedUrl : sectionFeed);
      if (!s.pages().isEmpty()) {
        outputs.add(feed(later, s.page(), s.pages(), a -> a.sectionByPath().get(s.path()).pages(),
            sectionFeedPath));
      }
    }

    // Taxonomies and terms.
    for (Taxonomy t : config.taxonomies()) {
      List<Term> list = first.site().taxonomies().getOrDefault(t.plural(), List.of());
      if (list.isEmpty()) {
        continue;
      }
      Page taxonomyPage = indexPages.getOrDefault(t.plural(),
          factory.listPage("taxonomy", PageFactory.humanize(t.plural()), "/" + t.plural() + "/", ""));
      Hash64 taxonomyIntrinsic = new Hash64().add("taxonomy").add(t.plural()).add(Fingerprints.identity(taxonomyPage));
      list.forEach(term -> taxonomyIntrinsic.add(term.slug()));
      outputs.add(new Output(Urls.outputFile(taxonomyPage.path()), "taxonomy " + t.plural(), null, reads -> {
        String name = templates.choose(List.of(t.plural() + "/taxonomy.html", "taxonomy.html"), reads, null,
            "taxonomy " + t.plural());
        Map<String, Object> model = model(later.get().site(), taxonomyPage, reads);
        model.put("taxonomy", t.plural());
        model.put("terms", list);
        return html(name, model, reads, null);
      }, taxonomyIntrinsic.get()));
      listPages++;
      sitemap.add(new SitemapEntry(taxonomyPage.permalink(), first.site().lastmod()));
      for (Term term : list) {
        List<SourcePage> termSources = known.terms().pages(t.plural(), term.slug());
        Page termPage = factory.listPage("term", term.name(), Urls.termPath(t.plural(), term.slug()), "");
        listPages += paginate(outputs, sitemap, later, termPage, Assembly.sorted(termSources, known.skeletons()::get),
            a -> a.termPages().get(t.plural()).get(term.slug()), List.of(t.plural() + "/term.html", "term.html"),
            a -> Map.of("term", term, "taxonomy", t.plural()), t.plural() + "/" + term.slug());
      }
    }
    return listPages;
  }

  /** The 404 page, sitemap.xml and robots.txt. */
  private void special(Supplier<Assembly> later, Page home, List<Output> outputs, List<SitemapEntry> sitemap) {
    Page notFound = factory.listPage("404", "Page not found", "/404.html", "");
    outputs.add(new Output("404.html", "404 page", null, reads ->
        html(templates.choose(List.of("404.html"), reads, null, "the 404 page"),
            model(later.get().site(), notFound, reads), reads, null),
        Hash64.of("404")));
    sitemap.sort(Comparator.comparing(SitemapEntry::loc));
    Hash64 sitemapIntrinsic = new Hash64().add("sitemap").add(Fingerprints.identity(home));
    sitemap.forEach(e -> sitemapIntrinsic.add(e.loc()).add(e.lastmod()));
    outputs.add(new Output("sitemap.xml", "sitemap", null, reads -> {
      Map<String, Object> model = model(later.get().site(), home, reads);
      model.put("entries", sitemap);
      return text(templates.choose(List.of("sitemap.xml"), reads, null, "the sitemap"), model, reads);
    }, sitemapIntrinsic.get()));
    outputs.add(new Output("robots.txt", "robots.txt", null, reads -> {
      Map<String, Object> model = model(later.get().site(), home, reads);
      model.put("sitemapUrl", config.absoluteUrl("/sitemap.xml"));
      return text(templates.choose(List.of("robots.txt"), reads, null, "robots.txt"), model, reads);
    }, Hash64.of("robots", Fingerprints.identity(home))));
  }

  /** Redirect pages at old URLs. */
  private void aliases(Assembly first, Supplier<Assembly> later, List<Output> outputs) {
    for (Page p : first.pages()) {
      for (String alias : p.aliases()) {
        if (Urls.escapes(alias)) {
          continue;
        }
        String aliasPath = Urls.normalize(alias);
        String origin = "alias " + alias + " of content/" + p.sourcePath();
        outputs.add(new Output(Urls.outputFile(aliasPath), origin, p.file(), reads -> {
          Map<String, Object> model = model(later.get().site(), p, reads);
          model.put("target", p.permalink());
          return html(templates.choose(List.of("alias.html"), reads, p.file(), "alias pages"), model, reads, p.file());
        }, Hash64.of("alias", aliasPath, p.sourcePath(), p.permalink())));
      }
    }

  }

  private Output copy(Resource r) {
    Hash64 h = new Hash64().add("copy").add(r.origin());
    if (r.bytes() != null) {
      h.add(r.bytes());
    } else {
      try {
        FileStamp stamp = FileStamp.of(Files.readAttributes(r.file(), BasicFileAttributes.class));
        h.add(stamp.size()).add(stamp.modified());
      } catch (IOException e) {
        h.add("unreadable");
      }
    }
    return new Output(r.outputPath(), r.origin(), r.file(), reads -> r.read(), h.get());
  }

  private Output feed(Supplier<Assembly> later, Page list, List<Page> known, Function<Assembly, List<Page>> items,
      String path) {
    Hash64 intrinsic = new Hash64().add("feed").add(path).add(Fingerprints.identity(list));
    List<Page> knownItems = feedItems(known);
    knownItems.forEach(p -> intrinsic.add(p.sourcePath()));
    intrinsic.add(Assembly.latest(knownItems));
    return new Output(Urls.outputFile(path), "feed " + path, null, reads -> {
      Assembly a = later.get();
      List<Page> dated = feedItems(items.apply(a));
      Map<String, Object> model = model(a.site(), list, reads);
      model.put("items", dated);
      model.put("feedUrl", config.absoluteUrl(Urls.encode(path)));
      model.put("updated", Assembly.latest(dated));
      return text(templates.choose(List.of("rss.xml"), reads, null, "feeds"), model, reads);
    }, intrinsic.get());
  }

  /** The newest dated pages of a list, as a feed shows them. */
  private List<Page> feedItems(List<Page> pages) {
    return pages.stream().filter(p -> p.date() != null)
        .sorted(Comparator.comparing(Page::date).reversed().thenComparing(Assembly.ORDER))
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
      urls.add(Urls.link(config, path));
    }
    List<String> allUrls = List.copyOf(urls);
    for (int n = 1; n <= total; n++) {
      int number = n;
      Page at = n == 1 ? list : list.at(paths.get(n - 1), urls.get(n - 1), config.absoluteUrl(Urls.encode(paths.get(n - 1))));
      String origin = (list.sourcePath() != null ? "content/" + list.sourcePath() : list.kind() + " " + list.path())
          + (n > 1 ? " (page " + n + ")" : "");
      Hash64 intrinsic = new Hash64().add("list").add(origin).add(paths.get(n - 1)).add(String.join(",", candidates))
          .add(Fingerprints.identity(list)).add(variant).add(number).add(total).add(count);
      known.subList(Math.min(count, (number - 1) * size), Math.min(count, number * size))
          .forEach(p -> intrinsic.add(p.sourcePath()));
      outputs.add(new Output(Urls.outputFile(paths.get(n - 1)), origin, list.file(), reads -> {
        Assembly a = later.get();
        List<Page> all = items.apply(a);
        List<Page> slice = all.subList(Math.min(all.size(), (number - 1) * size), Math.min(all.size(), number * size));
        Paginator paginator = new Paginator(List.copyOf(slice), number, total, all.size(), allUrls.get(0),
            allUrls.get(total - 1), number > 1 ? allUrls.get(number - 2) : null,
            number < total ? allUrls.get(number) : null, allUrls);
        String name = templates.choose(candidates, reads, list.file(), list.kind() + " page " + list.path());
        Map<String, Object> model = model(a.site(), at, reads);
        model.putAll(extra.apply(a));
        model.put("paginator", paginator);
        return html(name, model, reads, list.file());
      }, intrinsic.get()));
      if (number == 1) {
        ZonedDateTime lastmod = Assembly.latest(known);
        sitemap.add(new SitemapEntry(at.permalink(), lastmod != null ? lastmod : at.modified()));
      }
    }
    return total;
  }

  /**
   * Variables that only some outputs have: every model defines them (null where they do not apply),
   * so that a shared template may test them ({@code prev is null}) while a name no output has is a
   * typo and fails the build.
   */
  private static final List<String> OPTIONAL = List.of("prev", "next", "section", "paginator", "feedUrl",
      "taxonomy", "terms", "term", "entries", "sitemapUrl", "target", "items");

  /** The variables every template sees; {@code data} records its reads in {@code reads}. */
  private static Map<String, Object> model(SiteView site, Page page, Reads reads) {
    Map<String, Object> model = new HashMap<>();
    OPTIONAL.forEach(name -> model.put(name, null));
    model.put("site", site);
    model.put("page", page);
    model.put("data", new ReadTracked(site.data(), reads));
    return model;
  }

  private byte[] html(String template, Map<String, Object> model, Reads reads, Path forFile) throws TemplateFailure {
    return templates.render(template, model, reads, forFile);
  }

  private byte[] text(String template, Map<String, Object> model, Reads reads) throws TemplateFailure {
    return templates.render(template, model, reads, null);
  }

  /** The templates a regular page can have, most specific first: posts/page.html, page.html. */
  private static List<String> pageTemplates(Page p) {
    String top = Urls.topSection(p.section());
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
}
