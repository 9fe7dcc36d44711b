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
    Keyed[] keyed = new Keyed[sources.size()];
    for (int i = 0; i < keyed.length; i++) {
      keyed[i] = new Keyed(resolve.apply(sources.get(i)));
    }
    java.util.Arrays.sort(keyed);
    Page[] out = new Page[keyed.length];
    for (int i = 0; i < keyed.length; i++) {
      out[i] = keyed[i].page;
    }
    return List.of(out);
  }

  /**
   * A page with its {@link #ORDER} keys worked out once: comparing two ZonedDateTimes works out
   * both instants again, and a 10,000-page site's lists make a few million comparisons.
   */
  private static final class Keyed implements Comparable<Keyed> {
    final Page page;
    final int weight;
    final long epochSecond;
    final int nano;

    Keyed(Page page) {
      this.page = page;
      this.weight = page.weight() == 0 ? Integer.MAX_VALUE : page.weight();
      this.epochSecond = page.date() == null ? 0 : page.date().toEpochSecond();
      this.nano = page.date() == null ? 0 : page.date().getNano();
    }

    /** Exactly {@link #ORDER}: the instants decide unless they are equal, then ZonedDateTime's own order. */
    @Override
    public int compareTo(Keyed o) {
      int c = Integer.compare(weight, o.weight);
      if (c != 0) {
        return c;
      }
      ZonedDateTime a = page.date();
      ZonedDateTime b = o.page.date();
      if (a == null || b == null) {
        if (a != b) {
          return a == null ? 1 : -1;
        }
      } else {
        c = epochSecond != o.epochSecond ? Long.compare(o.epochSecond, epochSecond) : Integer.compare(o.nano, nano);
        if (c == 0) {
          c = b.compareTo(a);
        }
        if (c != 0) {
          return c;
        }
      }
      return ORDER.compare(page, o.page);
    }
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
    ZonedDateTime max = null;
    long maxSecond = Long.MIN_VALUE;
    for (Page p : pages) {
      ZonedDateTime m = p.modified();
      if (m == null) {
        continue;
      }
      long second = m.toEpochSecond();
      // As max(naturalOrder()): a later instant wins, an equal one by ZonedDateTime's own order.
      if (max == null || second > maxSecond || (second == maxSecond && m.compareTo(max) > 0)) {
        max = m;
        maxSecond = second;
      }
    }
    return max;
  }
}
