package dev.edgepress.generator.render;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.content.SourcePage;
import dev.edgepress.generator.content.Urls;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Taxonomy terms and their pages, found from front matter: made once a build, then only read. */
final class TermIndex {

  /** Term names repeat on thousands of pages: each is made into a slug once a build. */
  private final Map<String, String> slugs = new ConcurrentHashMap<>();
  private final Map<String, Map<String, List<SourcePage>>> pages = new TreeMap<>();
  private final Map<String, List<Term>> terms;
  private final Map<String, Map<String, Term>> bySlug = new HashMap<>();

  TermIndex(List<SourcePage> sources, SiteConfig config, Problems problems) {
    Map<String, TreeMap<String, TreeSet<String>>> names = new TreeMap<>();
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
    names.forEach((tax, slugsOfTax) -> {
      List<Term> list = new ArrayList<>();
      Map<String, Term> index = new HashMap<>();
      slugsOfTax.forEach((slug, ns) -> {
        Term t = new Term(tax, ns.first(), slug, Urls.link(config, Urls.termPath(tax, slug)),
            pages.get(tax).get(slug).size());
        list.add(t);
        index.put(slug, t);
      });
      all.put(tax, List.copyOf(list));
      bySlug.put(tax, index);
    });
    this.terms = Collections.unmodifiableMap(all);
  }

  /** A term's slug as this build makes it. */
  String slug(String name) {
    return slugs.computeIfAbsent(name, Urls::slugify);
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
