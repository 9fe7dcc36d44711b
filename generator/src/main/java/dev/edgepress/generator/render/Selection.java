package dev.edgepress.generator.render;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.content.SourcePage;
import dev.edgepress.generator.content.Urls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which pages are built (drafts, future and expired pages are left out unless asked for)
 * and gives each its site path, checking that no two pages want the same path and that no path
 * leaves the output folder.
 */
public final class Selection {

  /** Which pages are built, with the reason each other page is not. */
  public record Options(boolean drafts, boolean future, boolean expired, Instant now) {}

  private final Map<SourcePage, String> paths;
  private final Map<String, String> excluded;
  private final List<SourcePage> pages;
  private final List<SourcePage> indexes;

  Selection(List<SourcePage> all, SiteConfig config, Options options, Problems problems) {
    Map<SourcePage, String> paths = new LinkedHashMap<>();
    Map<String, String> excluded = new LinkedHashMap<>();
    List<SourcePage> pages = new ArrayList<>();
    List<SourcePage> indexes = new ArrayList<>();
    Map<String, SourcePage> byPath = new LinkedHashMap<>();
    for (SourcePage page : all) {
      Optional<String> why = whyLeftOut(page, options);
      if (why.isPresent()) {
        excluded.put(page.sourcePath(), why.get());
        continue;
      }
      String path = path(page, config, problems);
      if (path == null) {
        continue;
      }
      SourcePage other = byPath.putIfAbsent(path, page);
      if (other != null) {
        String key = page.front().url().isPresent() ? "url" : "slug";
        problems.add(Problem.at(page.file(), page.front().document().line(key),
            "content/" + page.sourcePath() + " and content/" + other.sourcePath() + " both want the URL " + path
                + "; give one of them another 'slug' or 'url' in its front matter"));
        continue;
      }
      paths.put(page, path);
      (page.kind() == SourcePage.Kind.INDEX ? indexes : pages).add(page);
      for (int i = 0; i < page.front().aliases().size(); i++) {
        String alias = page.front().aliases().get(i);
        if (Urls.escapes(alias)) {
          problems.add(Problem.at(page.file(), page.front().document().line("aliases." + i),
              "alias '" + alias + "' would write outside the output folder; remove the '..'"));
        }
      }
    }
    this.paths = Collections.unmodifiableMap(paths);
    this.excluded = Collections.unmodifiableMap(excluded);
    this.pages = Collections.unmodifiableList(pages);
    this.indexes = Collections.unmodifiableList(indexes);
  }

  /** Each page built, regular and _index.md, to its site path. */
  Map<SourcePage, String> paths() {
    return paths;
  }

  /** The path under content/ of each page left out, to why. */
  Map<String, String> excluded() {
    return excluded;
  }

  /** The regular pages built, in content order. */
  List<SourcePage> pages() {
    return pages;
  }

  /** The _index.md pages built (home, sections, taxonomies). */
  List<SourcePage> indexes() {
    return indexes;
  }

  /**
   * The first instant after {@code options.now()} at which another set of pages would be built: a
   * future-dated page's date, or an expiry date, that has not come yet. Empty when there is none.
   */
  public static Optional<Instant> nextChange(List<SourcePage> all, Options options) {
    Instant first = null;
    for (SourcePage page : all) {
      var front = page.front();
      if (!options.future() && front.published().isPresent()) {
        first = earlier(first, front.published().get().toInstant(), options.now());
      }
      if (!options.expired() && front.expiryDate().isPresent()) {
        first = earlier(first, front.expiryDate().get().toInstant(), options.now());
      }
    }
    return Optional.ofNullable(first);
  }

  private static Instant earlier(Instant first, Instant candidate, Instant now) {
    return candidate.isAfter(now) && (first == null || candidate.isBefore(first)) ? candidate : first;
  }

  private static Optional<String> whyLeftOut(SourcePage page, Options options) {
    var front = page.front();
    if (front.draft() && !options.drafts()) {
      return Optional.of("it is a draft; build with -Dedgepress.drafts to include it");
    }
    if (front.published().isPresent() && front.published().get().toInstant().isAfter(options.now())
        && !options.future()) {
      return Optional.of("it is dated in the future; build with -Dedgepress.future to include it");
    }
    if (front.expiryDate().isPresent() && !front.expiryDate().get().toInstant().isAfter(options.now())
        && !options.expired()) {
      return Optional.of("it has expired (expiryDate)");
    }
    return Optional.empty();
  }

  private static String path(SourcePage page, SiteConfig config, Problems problems) {
    var front = page.front();
    if (page.kind() == SourcePage.Kind.INDEX) {
      return page.section().isEmpty() ? "/" : "/" + page.section() + "/";
    }
    if (front.url().isPresent()) {
      String url = front.url().get();
      if (Urls.escapes(url)) {
        problems.add(Problem.at(page.file(), front.document().line("url"),
            "url '" + url + "' would write outside the output folder; use a path under the site root such as /about/"));
        return null;
      }
      return Urls.normalize(url);
    }
    if (front.slug().isPresent() && (Urls.escapes(front.slug().get()) || front.slug().get().contains("/"))) {
      problems.add(Problem.at(page.file(), front.document().line("slug"),
          "slug '" + front.slug().get() + "' must be one path segment without '/' or '..'; use 'url' for a full path"));
      return null;
    }
    String top = Urls.topSection(page.section());
    String pattern = config.permalinks().getOrDefault(page.section(),
        config.permalinks().getOrDefault(top, SiteConfig.DEFAULT_PERMALINK));
    Optional<String> expanded = Urls.expand(pattern, page, front.date());
    if (expanded.isEmpty()) {
      problems.add(Problem.at(page.file(), 1,
          "the permalink pattern '" + pattern + "' for section '" + top + "' needs a date; add 'date' to the front matter"));
      return null;
    }
    if (Urls.escapes(expanded.get())) {
      problems.add(Problem.at(page.file(), 1, "the URL '" + expanded.get() + "' would write outside the output folder"));
      return null;
    }
    return expanded.get();
  }
}
