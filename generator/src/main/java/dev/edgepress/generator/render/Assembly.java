package dev.edgepress.generator.render;

import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.config.Taxonomy;
import dev.edgepress.generator.content.SourcePage;
import dev.edgepress.generator.content.Urls;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The site's lists (pages, sections, main pages, each term's pages) and the site as templates see it,
 * made from either the pages before rendering or the rendered ones.
 */
record Assembly(
    List<Page> pages, Map<String, List<Page>> bySection, List<Section> sections,
    Map<String, Section> sectionByPath, List<Page> mainPages, SiteView site,
    Map<String, Map<String, List<Page>>> termPages) {

  /** Regular pages: weighted first (lowest first), then newest first, then title, then path. */
  static final Comparator<Page> ORDER =
      Comparator.comparing((Page p) -> p.weight() == 0 ? Integer.MAX_VALUE : p.weight())
          .thenComparing(Page::date, Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(Page::title, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(p -> p.sourcePath() == null ? "" : p.sourcePath());

  /** {@code sources} made into pages and sorted in {@link #ORDER}. */
  static List<Page> sorted(List<SourcePage> sources, Function<SourcePage, Page> resolve) {
    return sources.stream().map(resolve).sorted(ORDER).toList();
  }

  /**
   * The lists of {@code sources}, each made into a page by {@code resolve}.
   *
   * @param indexPages the pages of _index.md files, by section
   */
  static Assembly of(List<SourcePage> sources, Function<SourcePage, Page> resolve, Map<String, Page> indexPages,
      TermIndex terms, PageFactory factory, SiteConfig config, Map<String, Object> data) {
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
      Page sp = indexPages.getOrDefault(s,
          factory.listPage("section", PageFactory.humanize(s.substring(s.lastIndexOf('/') + 1)), "/" + s + "/", s));
      List<String> children = sectionPaths.stream()
          .filter(c -> c.startsWith(s + "/") && c.indexOf('/', s.length() + 1) < 0).toList();
      Section section = new Section(s, sp.title(), sp, List.copyOf(list), children);
      sections.add(section);
      sectionByPath.put(s, section);
    }
    List<Page> mainPages = mainPages(pages, config);
    SiteView site = new SiteView(config.title(), config.baseUrl().toString(), config.language(), config.author(),
        config.description(), config.menus(), config.params(), data, pages,
        List.copyOf(sections),
        terms.terms(), latest(pages), Urls.link(config, OutputPlanner.SITE_FEED), config.contact().isPresent());
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

  private static List<Page> mainPages(List<Page> pages, SiteConfig config) {
    Set<String> main = new HashSet<>(config.mainSections());
    if (main.isEmpty()) {
      Map<String, Integer> counts = new TreeMap<>();
      for (Page p : pages) {
        if (!p.section().isEmpty()) {
          counts.merge(Urls.topSection(p.section()), 1, Integer::sum);
        }
      }
      counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
              .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
          .ifPresent(e -> main.add(e.getKey()));
    }
    if (main.isEmpty()) {
      return pages;
    }
    return pages.stream().filter(p -> main.contains(Urls.topSection(p.section()))).toList();
  }

  private static void addWithParents(Set<String> set, String section) {
    String s = section;
    while (!s.isEmpty()) {
      set.add(s);
      s = s.contains("/") ? s.substring(0, s.lastIndexOf('/')) : "";
    }
  }

  /** The newest lastmod or date of {@code pages}; null when none has one. */
  static ZonedDateTime latest(List<Page> pages) {
    return pages.stream().map(Page::modified).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
  }
}
