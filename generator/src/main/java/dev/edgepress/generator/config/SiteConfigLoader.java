package dev.edgepress.generator.config;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import dev.edgepress.generator.content.SourceText;
import dev.edgepress.generator.headers.CacheRules;
import dev.edgepress.generator.headers.SecurityHeaders;
import dev.edgepress.generator.yaml.Fields;
import dev.edgepress.generator.yaml.YamlDocument;
import dev.edgepress.generator.yaml.YamlProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Reads site.yaml into a {@link SiteConfig}, reporting every bad value with its line. */
public final class SiteConfigLoader {

  private static final Set<String> KNOWN =
      Set.of(
          "title", "baseUrl", "language", "author", "description", "menus", "taxonomies",
          "permalinks", "pagination", "feed", "mainSections", "timeZone", "theme", "params", "headers",
          "contact", "cacheRules", "highlight", "markdown");

  /** The keys under {@code markdown}. */
  private static final Set<String> MARKDOWN_KNOWN = Set.of("unsafeHtml");

  private SiteConfigLoader() {}

  /**
   * @param file site.yaml; a missing file gives the defaults (and a warning from the caller)
   * @param baseUrlOverride replaces baseUrl from the file, e.g. for a preview build
   * @param warnings receives unknown keys, which are probably typos
   */
  public static SiteConfig load(
      Path file, Optional<String> baseUrlOverride, Problems problems, List<String> warnings) {
    YamlDocument doc = YamlDocument.empty(file, 1);
    if (Files.isRegularFile(file)) {
      try {
        SourceText text = SourceText.read(file);
        doc = YamlDocument.parse(text.text(), file, 1);
      } catch (SourceText.Unreadable e) {
        problems.add(e.problem());
      } catch (YamlProblem e) {
        problems.add(e.problem());
      }
    } else {
      warnings.add(file + " not found: using default settings (title 'My Site', baseUrl http://localhost/)");
    }
    Fields f = new Fields(doc, problems);
    for (String key : doc.values().keySet()) {
      if (!KNOWN.contains(key)) {
        warnings.add(
            file + ":" + doc.line(key) + ": unknown setting '" + key + "' is ignored (known: "
                + String.join(", ", KNOWN.stream().sorted().toList())
                + "; put your own values under 'params')");
      }
    }

    Optional<Map<String, Object>> markdown = f.mapping("markdown");
    for (Object key : markdown.orElse(Map.of()).keySet()) {
      if (!MARKDOWN_KNOWN.contains(String.valueOf(key))) {
        warnings.add(file + ":" + doc.line("markdown." + key) + ": unknown setting 'markdown." + key
            + "' is ignored (known: " + String.join(", ", MARKDOWN_KNOWN.stream().sorted().toList()) + ")");
      }
    }

    String rawBase = baseUrlOverride.orElseGet(() -> f.string("baseUrl").orElse("http://localhost/"));
    URI baseUrl = parseBaseUrl(rawBase, baseUrlOverride.isPresent(), doc, problems);
    String basePath = baseUrl.getRawPath() == null || baseUrl.getRawPath().isEmpty() ? "/" : baseUrl.getRawPath();

    ZoneId zone = ZoneOffset.UTC;
    Optional<String> tz = f.string("timeZone");
    if (tz.isPresent()) {
      try {
        zone = ZoneId.of(tz.get());
      } catch (DateTimeException e) {
        problems.add(doc.problem("timeZone", "'timeZone' must be a zone such as UTC or Europe/Paris, not '" + tz.get() + "'"));
      }
    }

    Map<String, Object> pagination = f.mapping("pagination").orElse(Map.of());
    int pageSize = positive(pagination.get("size"), 10, "pagination.size", doc, problems);
    String pagePath = pagination.get("path") instanceof String s && s.matches("[A-Za-z0-9_-]+") ? s : "page";
    Map<String, Object> feed = f.mapping("feed").orElse(Map.of());
    int feedLimit = positive(feed.get("limit"), 20, "feed.limit", doc, problems);

    return new SiteConfig(
        f.string("title").orElse("My Site"),
        baseUrl,
        basePath,
        f.string("language").orElse("en"),
        author(doc, problems),
        f.string("description").orElse(""),
        menus(f, doc, problems),
        taxonomies(doc, problems),
        permalinks(f, doc, problems),
        pageSize,
        pagePath,
        feedLimit,
        f.strings("mainSections"),
        zone,
        f.string("theme"),
        f.mapping("params").map(Collections::unmodifiableMap).orElse(Map.of()),
        SecurityHeaders.read(doc, problems),
        ContactSettings.read(doc, problems),
        CacheRules.read(doc, problems),
        doc.line("theme"),
        f.bool("highlight").orElse(true),
        markdown.isPresent() ? f.bool("markdown.unsafeHtml").orElse(true) : true);
  }

  private static URI parseBaseUrl(String raw, boolean fromParameter, YamlDocument doc, Problems problems) {
    String where = fromParameter ? "the baseUrl parameter (-Dedgepress.baseUrl)" : "'baseUrl'";
    try {
      String s = raw.endsWith("/") ? raw : raw + "/";
      URI uri = new URI(s);
      if (uri.getScheme() == null || uri.getHost() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new URISyntaxException(raw, "not an absolute http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      Problem p = Problem.at(doc.file(), fromParameter ? 0 : doc.line("baseUrl"),
          where + " must be an absolute URL such as https://example.com/, not '" + raw + "'");
      problems.add(fromParameter ? Problem.of(null, p.message()) : p);
      return URI.create("http://localhost/");
    }
  }

  private static int positive(Object v, int dflt, String key, YamlDocument doc, Problems problems) {
    if (v == null) {
      return dflt;
    }
    if (v instanceof Integer i && i > 0) {
      return i;
    }
    problems.add(doc.problem(key, "'" + key + "' must be a whole number above 0, not '" + v + "'"));
    return dflt;
  }

  private static Map<String, Object> author(YamlDocument doc, Problems problems) {
    Object v = doc.get("author");
    if (v == null) {
      return Map.of();
    }
    if (v instanceof String s) {
      return Map.of("name", s);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, val) -> out.put(String.valueOf(k), val));
      return Collections.unmodifiableMap(out);
    }
    problems.add(doc.problem("author", "'author' must be a name or a mapping such as { name: Ada, email: ada@example.com }"));
    return Map.of();
  }

  private static Map<String, List<MenuItem>> menus(Fields f, YamlDocument doc, Problems problems) {
    Map<String, Object> raw = f.mapping("menus").orElse(Map.of());
    Map<String, List<MenuItem>> menus = new TreeMap<>();
    raw.forEach((name, value) -> {
      String path = "menus." + name;
      if (!(value instanceof List<?> items)) {
        problems.add(doc.problem(path, "menu '" + name + "' must be a list of { name: ..., url: ... } entries"));
        return;
      }
      List<MenuItem> list = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        Object item = items.get(i);
        if (item instanceof Map<?, ?> m && m.get("name") != null && m.get("url") != null) {
          int weight = m.get("weight") instanceof Integer w ? w : 0;
          list.add(new MenuItem(String.valueOf(m.get("name")), String.valueOf(m.get("url")), weight));
        } else {
          problems.add(doc.problem(path + "." + i,
              "menu '" + name + "' entry " + (i + 1) + " needs a name and a url, e.g. { name: About, url: /about/ }"));
        }
      }
      // Stable sort: equal weights keep the order they were written in.
      list.sort(Comparator.comparingInt(MenuItem::weight));
      menus.put(String.valueOf(name), List.copyOf(list));
    });
    return Collections.unmodifiableMap(menus);
  }

  private static List<Taxonomy> taxonomies(YamlDocument doc, Problems problems) {
    Object v = doc.get("taxonomies");
    if (v == null) {
      return List.of(new Taxonomy("tag", "tags"));
    }
    List<Taxonomy> out = new ArrayList<>();
    if (v instanceof Map<?, ?> m) {
      // Hugo's form: singular: plural
      m.forEach((k, p) -> out.add(new Taxonomy(String.valueOf(k), String.valueOf(p))));
    } else if (v instanceof List<?> l) {
      for (Object p : l) {
        String plural = String.valueOf(p);
        String singular = plural.endsWith("ies") ? plural.substring(0, plural.length() - 3) + "y"
            : plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
        out.add(new Taxonomy(singular, plural));
      }
    } else {
      problems.add(doc.problem("taxonomies", "'taxonomies' must be a list such as [tags, categories] or a mapping such as { tag: tags }"));
      return List.of(new Taxonomy("tag", "tags"));
    }
    for (Taxonomy t : out) {
      if (!t.plural().matches("[a-z0-9][a-z0-9_-]*")) {
        problems.add(doc.problem("taxonomies", "taxonomy '" + t.plural() + "' must be lower-case letters, digits, '-' or '_' (it becomes a URL segment)"));
      }
    }
    return List.copyOf(out);
  }

  private static Map<String, String> permalinks(Fields f, YamlDocument doc, Problems problems) {
    Map<String, Object> raw = f.mapping("permalinks").orElse(Map.of());
    Map<String, String> out = new TreeMap<>();
    raw.forEach((section, pattern) -> {
      String p = String.valueOf(pattern);
      if (!p.startsWith("/")) {
        problems.add(doc.problem("permalinks." + section,
            "permalink pattern for '" + section + "' must start with '/', e.g. /:year/:month/:slug/"));
      } else {
        out.put(String.valueOf(section), p);
      }
    });
    return Collections.unmodifiableMap(out);
  }
}
