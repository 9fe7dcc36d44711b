package dev.edgepress.generator.links;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.content.Urls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every internal link and every element id of the built pages, gathered while they are written, so
 * that each link to a page, a file or a #fragment can be checked against what the site really has.
 * Reads attributes with a small scanner rather than a full HTML parser: checking 14,000 pages must
 * not cost more than writing them.
 */
public final class LinkIndex {

  /**
   * A link as written ({@code raw}) on a page, to an output file ({@code target}) and an id; a link
   * that climbs out of the site's base path has no target but the host's path it leads to
   * ({@code outside}).
   */
  private record Link(String target, String fragment, String raw, String outside) {

    /** What a broken link is reported once for, however many pages have it. */
    String key() {
      return (target != null ? target : "outside " + outside) + "#" + fragment;
    }
  }

  /** @param primary a page built from its own Markdown file (not a list that shows summaries) */
  private record PageLinks(String origin, Path source, List<Link> links, boolean primary) {}

  /** Beyond this many pages with the same broken link, they are reported as one problem. */
  static final int MAX_PAGES_LISTED = 3;

  private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

  private final String siteOrigin;
  /** siteOrigin + "/": looked for in every link, so made once. */
  private final String originSlash;
  private final String basePath;
  private final Map<String, Set<String>> idsByFile = new ConcurrentHashMap<>();
  private final Map<String, PageLinks> linksByFile = new ConcurrentHashMap<>();

  /**
   * @param siteOrigin scheme and authority of the base URL, https://example.com: absolute links to
   *     it are checked too
   * @param basePath the base URL's path, '/' or '/blog/'
   */
  public LinkIndex(String siteOrigin, String basePath) {
    this.siteOrigin = siteOrigin;
    this.originSlash = siteOrigin + "/";
    this.basePath = basePath;
  }

  /** The ids and the internal links (as written) that a page holds. */
  public record Scanned(String[] ids, String[] links) {}

  /**
   * Records the links and ids of the page written at {@code file} (e.g. posts/a/index.html) and
   * returns them, so that the build cache can give them back when the page is not rendered again.
   */
  public Scanned add(String file, String origin, Path source, boolean primary, byte[] html) {
    Set<String> ids = new java.util.LinkedHashSet<>();
    Set<String> raws = new java.util.LinkedHashSet<>();
    scan(html, (name, value) -> {
      if (name.equals("id") || name.equals("name")) {
        ids.add(shared(value));
      } else {
        raws.add(value);
      }
    });
    String pageDir = pageDir(file);
    List<String> kept = new ArrayList<>();
    List<Link> links = new ArrayList<>();
    for (String raw : raws) {
      Link link = link(raw, pageDir, file);
      if (link != null) {
        links.add(link);
        kept.add(link.raw());
      }
    }
    String[] idArray = ids.toArray(String[]::new);
    put(file, origin, source, primary, Set.of(idArray), links);
    return new Scanned(idArray, kept.toArray(String[]::new));
  }

  /**
   * The same ids and links stand on thousands of pages (a template's): one string and one link for
   * all of them keeps a big site's index small (at 14,000 pages it was most of the build's memory).
   */
  private final Map<String, String> strings = new ConcurrentHashMap<>();
  /** Links from the site's root or origin, which mean the same on every page, resolved once. */
  private final Map<String, Link> rootLinks = new ConcurrentHashMap<>();

  private String shared(String s) {
    String known = strings.putIfAbsent(s, s);
    return known != null ? known : s;
  }

  private Link link(String raw, String pageDir, String file) {
    boolean fromRoot = (raw.startsWith("/") && !raw.startsWith("//")) || raw.startsWith(originSlash);
    if (!fromRoot) {
      return internal(shared(raw), pageDir, file);
    }
    Link link = rootLinks.get(raw);
    if (link == null) {
      link = internal(raw, pageDir, file);
      if (link == null) {
        return null;
      }
      Link known = rootLinks.putIfAbsent(raw, link);
      if (known != null) {
        link = known;
      }
    }
    return link;
  }

  /** A page not rendered again: what {@link #add} found in it last time. */
  private record Kept(String origin, Path source, boolean primary, Scanned scanned, boolean hadProblems) {}

  private final Map<String, Kept> kept = new ConcurrentHashMap<>();

  /**
   * Records a page that was not rendered again, with what {@link #add} found in it last time. Its
   * links are checked again only when it had broken ones, or when a file it may link to was removed
   * or lost ids: otherwise they are as good as when it was written.
   */
  public void keep(String file, String origin, Path source, boolean primary, Scanned scanned, boolean hadProblems) {
    kept.put(file, new Kept(origin, source, primary, scanned, hadProblems));
  }

  /** The output files (as given to add or keep) whose links the last {@link #check} found broken. */
  public Set<String> filesWithProblems() {
    return Collections.unmodifiableSet(filesWithProblems);
  }

  private final Set<String> filesWithProblems = ConcurrentHashMap.newKeySet();

  private Set<String> ids(String file) {
    Set<String> ids = idsByFile.get(file);
    if (ids == null) {
      Kept k = kept.get(file);
      // Made once: many pages may link into one that was not rendered again.
      ids = k == null ? Collections.emptySet() : idsByFile.computeIfAbsent(file, f -> Set.of(k.scanned().ids()));
    }
    return ids;
  }

  private void put(String file, String origin, Path source, boolean primary, Set<String> ids, List<Link> links) {
    idsByFile.put(file, ids);
    if (!links.isEmpty()) {
      linksByFile.put(file, new PageLinks(origin, source, links, primary));
    }
  }

  private static String pageDir(String file) {
    return "/" + file.substring(0, file.lastIndexOf('/') + 1);
  }

  /**
   * A link to this site, as an output file and a fragment; null for other sites and schemes, and for
   * a full URL of the site's host outside its base path: a site under /blog/ may link to the main
   * site beside it, which this build does not have ({@link #outside} gives those to the external
   * check). A path that climbs out of the base path is kept, without a target: written without the
   * host, it is far more often a template's link missing url() than a link to another site.
   */
  private Link internal(String raw, String pageDir, String pageFile) {
    String v = raw.indexOf('&') >= 0 ? raw.replace("&amp;", "&").trim() : raw.trim();
    if (v.isEmpty() || v.startsWith("mailto:") || v.startsWith("tel:") || v.startsWith("data:")
        || v.startsWith("javascript:")) {
      return null;
    }
    boolean fullUrl = v.startsWith(originSlash);
    if (fullUrl) {
      v = v.substring(siteOrigin.length());
    } else if (v.startsWith("//") || (v.indexOf(':') >= 0 && SCHEME.matcher(v).matches())) {
      return null;
    }
    String fragment = null;
    int hash = v.indexOf('#');
    if (hash >= 0) {
      fragment = v.substring(hash + 1);
      v = v.substring(0, hash);
    }
    int query = v.indexOf('?');
    if (query >= 0) {
      v = v.substring(0, query);
    }
    // Files have their names as written (Über-uns/index.html); a link may have them percent-encoded.
    String path = against(Urls.decodePath(v), pageDir, pageFile);
    if (!path.startsWith(basePath)) {
      if ((path + "/").equals(basePath)) {
        // The site's root without its slash (/blog for /blog/): in the site, but no file.
        return new Link("", null, raw, null);
      }
      return fullUrl ? null : new Link(null, fragment, raw, path);
    }
    String file = path.substring(basePath.length());
    if (file.isEmpty() || file.endsWith("/")) {
      file += "index.html";
    }
    return new Link(file, fragment == null || fragment.isEmpty() ? null : decode(fragment), raw, null);
  }

  /**
   * A link's path (without query and fragment) resolved against the address of the page it is on,
   * base path included, as a browser does: from /blog/, ../blog/ is the site's root and ../ is the
   * host's.
   */
  private String against(String path, String pageDir, String pageFile) {
    if (path.isEmpty()) {
      return basePath + pageFile;
    }
    return Urls.removeDotSegments(path.startsWith("/") ? path : basePath + pageDir.substring(1) + path);
  }

  /**
   * {@code raw} as written, less its fragment, when it is a full URL of the site's host outside its
   * base path (https://example.com/shop/ from a site under /blog/), which {@link #internal} leaves
   * to the external check; null for every other link.
   */
  public String outside(String raw) {
    String v = raw.replace("&amp;", "&").trim();
    if (!v.startsWith(originSlash) || internal(raw, "/", "index.html") != null) {
      return null;
    }
    int hash = v.indexOf('#');
    return hash < 0 ? v : v.substring(0, hash);
  }

  private static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /**
   * Every link to a file the site does not have, or to an id its page does not have.
   *
   * @param files every file of the output ('/' separated)
   */
  public List<Problem> check(Set<String> files) {
    return check(files, null, Set.of(), Set.of());
  }

  /**
   * Like {@link #check(Set)}, with what the build knows already.
   *
   * @param changed the files of the last build that are gone or whose ids changed (null: unknown,
   *     check every page)
   * @param failed files whose rendering failed, reported for themselves: links to them count as good
   * @param reported links, as written, that the build reported already (a link to a Markdown file
   *     that is no page): not again, neither on their page nor on the lists showing its summary
   */
  public List<Problem> check(Set<String> files, Set<String> changed, Set<String> failed, Set<String> reported) {
    kept.forEach((file, k) -> {
      if (changed == null || !changed.isEmpty() || k.hadProblems()) {
        String pageDir = pageDir(file);
        List<Link> links = new ArrayList<>(k.scanned().links().length);
        for (String raw : k.scanned().links()) {
          Link link = link(raw, pageDir, file);
          if (link != null && (changed == null || k.hadProblems() || changed.contains(link.target()))) {
            links.add(link);
          }
        }
        if (!links.isEmpty()) {
          linksByFile.put(file, new PageLinks(k.origin(), k.source(), links, k.primary()));
        }
      }
    });
    // A post's summary carries its links onto list pages; a link broken on the post's own page is
    // reported there once, not again for every list that shows the summary.
    Map<String, List<Problem>> byLink = new java.util.TreeMap<>();
    Set<String> onPrimary = new HashSet<>();
    // Every link of every page is looked at (on all cores); the few broken ones are then sorted
    // into byLink in page order, so that the report does not depend on thread timing.
    record Broken(String file, String key, boolean primary, Problem problem) {}
    linksByFile.entrySet().parallelStream().sorted(Map.Entry.comparingByKey()).flatMap(e -> {
      PageLinks pl = e.getValue();
      List<Broken> found = null;
      for (Link link : pl.links()) {
        String broken = broken(link, files);
        if (broken == null || link.target() != null && failed.contains(link.target())
            || reported.contains(Urls.unescapeAttribute(link.raw()))) {
          continue;
        }
        String page = "/" + e.getKey().replaceFirst("index\\.html$", "");
        String where = pl.primary() || pl.source() == null ? (pl.source() == null ? " (" + pl.origin() + ")" : "") : " (" + pl.origin() + ")";
        String message = "page " + page + where + " links to " + link.raw() + broken;
        if (found == null) {
          found = new ArrayList<>();
        }
        found.add(new Broken(e.getKey(), link.key(), pl.primary(),
            new Problem(pl.source(), 0, 0, (pl.primary() ? "1" : "0") + message)));
      }
      return found == null ? java.util.stream.Stream.<Broken>empty() : found.stream();
    }).toList().forEach(b -> {
      filesWithProblems.add(b.file());
      if (b.primary()) {
        onPrimary.add(b.key());
      }
      byLink.computeIfAbsent(b.key(), k -> new ArrayList<>()).add(b.problem());
    });
    List<Problem> problems = new ArrayList<>();
    Map<Path, String> markdownTexts = new java.util.HashMap<>();
    byLink.forEach((key, list) -> {
      List<Problem> shown = new ArrayList<>();
      List<Problem> onLists = new ArrayList<>();
      Set<Path> inMarkdown = new HashSet<>();
      for (Problem p : list) {
        boolean primary = p.message().charAt(0) == '1';
        String message = p.message().substring(1);
        // A link written in a Markdown file is reported there, with its line, however many pages have it.
        int line = lineInMarkdown(p.file(), linkOf(message), markdownTexts);
        if (line > 0) {
          if (inMarkdown.add(p.file())) {
            problems.add(new Problem(p.file(), line, 0, message));
          }
        } else if (primary) {
          shown.add(new Problem(p.file(), 0, 0, message));
        } else if (!onPrimary.contains(key)) {
          onLists.add(new Problem(p.file(), 0, 0, message));
        }
      }
      if (inMarkdown.isEmpty()) {
        // Otherwise list pages have the link through the summaries of those Markdown files.
        shown.addAll(onLists);
      }
      if (shown.size() <= MAX_PAGES_LISTED) {
        problems.addAll(shown);
        return;
      }
      // The same broken link on many pages comes from a template: one problem, not hundreds.
      String first = shown.get(0).message();
      String what = first.substring(first.indexOf(" links to ") + 1);
      List<String> pages = shown.stream().limit(MAX_PAGES_LISTED)
          .map(p -> p.message().substring(5, p.message().indexOf(' ', 5))).toList();
      problems.add(Problem.of(null, shown.size() + " pages " + what.replaceFirst("^links", "link").replace("; fix",
          " (e.g. " + String.join(", ", pages) + "); it is probably in a template or partial; fix")));
    });
    problems.sort(Problem.ORDER);
    return problems;
  }

  /** What is wrong with {@code link}, as the end of a message; null when it leads somewhere. */
  private String broken(Link link, Set<String> files) {
    if (link.target() == null) {
      return ", which climbs out of the site (under " + basePath + "); fix the link (in a template, url('...') puts the"
          + " base path first), or write the full URL " + siteOrigin + link.outside() + " for another site on this host";
    }
    if (!files.contains(link.target())) {
      String folder = link.target().isEmpty() ? "index.html" : link.target() + "/index.html";
      String alt = !link.target().endsWith(".html") && files.contains(folder)
          ? " (did you mean " + link.raw() + "/ ?)" : "";
      return ", which is not in the site" + alt + "; fix the link or add the page or file";
    }
    if (link.fragment() != null && link.target().endsWith(".html") && !ids(link.target()).contains(link.fragment())) {
      return ", but /" + link.target().replaceFirst("index\\.html$", "") + " has no element with id '" + link.fragment()
          + "'; fix the #anchor or the heading";
    }
    return null;
  }

  /** The link as written on the page, from a message made by {@link #check(Set, Set, Set, Set)}. */
  private static String linkOf(String message) {
    int at = message.indexOf(" links to ") + " links to ".length();
    int end = message.indexOf(", which is not in the site", at);
    if (end < 0) {
      end = message.indexOf(", which climbs out of the site", at);
    }
    if (end < 0) {
      end = message.indexOf(", but /", at);
    }
    return message.substring(at, end);
  }

  /**
   * The 1-based line of the Markdown file {@code source} where {@code raw} (a link as the page has
   * it) is written as a link destination (also without the base URL's path or the site's origin),
   * or 0 when the file is not Markdown or does not hold it (the link came from a template). Read
   * only for broken links.
   */
  private int lineInMarkdown(Path source, String raw, Map<Path, String> texts) {
    if (source == null || !source.getFileName().toString().endsWith(".md")) {
      return 0;
    }
    String text = texts.computeIfAbsent(source, f -> {
      try {
        return java.nio.file.Files.readString(f, java.nio.charset.StandardCharsets.UTF_8);
      } catch (java.io.IOException | RuntimeException e) {
        return "";
      }
    });
    String link = raw.replace("&amp;", "&");
    List<String> written = new ArrayList<>();
    written.add(link);
    if (link.startsWith(originSlash)) {
      link = link.substring(siteOrigin.length());
      written.add(link);
    }
    if (!basePath.equals("/") && link.startsWith(basePath)) {
      written.add("/" + link.substring(basePath.length()));
    }
    List<String> patterns = new ArrayList<>();
    for (String w : written) {
      patterns.add(java.util.regex.Pattern.quote(w));
    }
    int hash = link.indexOf('#');
    if (hash >= 0 && hash < link.length() - 1) {
      // A link to another Markdown file became its page's URL; its #anchor is as the author wrote it.
      patterns.add("[^\\s)>\"']*\\.md" + java.util.regex.Pattern.quote(link.substring(hash)));
    }
    for (String w : patterns) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile(
          "(\\]\\(\\s*<?|^\\s*\\[[^\\]]+\\]:\\s*<?|\\b(?:href|src)=[\"']|\\bsrcset=[\"'](?:[^\"']*[\\s,])?)" + w
              + "(?=[\\s)>\"']|$)", java.util.regex.Pattern.MULTILINE).matcher(text);
      if (m.find()) {
        int line = 1;
        for (int i = 0; i < m.end(1); i++) {
          if (text.charAt(i) == '\n') {
            line++;
          }
        }
        return line;
      }
    }
    return 0;
  }

  public interface AttributeVisitor {
    void visit(String name, String value);
  }

  /**
   * Calls back for each href, src, id and name attribute in {@code html}, and for each URL of a
   * srcset attribute (as name "srcset"): every caller wants the images of a srcset one by one.
   */
  public static void scan(byte[] html, AttributeVisitor visitor) {
    int n = html.length;
    // Look for '=' (rarer than spaces), then at the name before it and the quoted value after it.
    for (int eq = 0; eq < n - 1; eq++) {
      if (html[eq] != '=') {
        continue;
      }
      byte quote = html[eq + 1];
      if (quote != '"' && quote != '\'') {
        continue;
      }
      String name = eq >= 4 && isSpace(html[eq - 5 < 0 ? 0 : eq - 5]) && match(html, eq - 4, "href") ? "href"
          : eq >= 7 && isSpace(html[eq - 7]) && match(html, eq - 6, "srcset") ? "srcset"
          : eq >= 3 && isSpace(html[eq - 4]) && match(html, eq - 3, "src") ? "src"
          : eq >= 2 && isSpace(html[eq - 3]) && match(html, eq - 2, "id") ? "id"
          : eq >= 4 && isSpace(html[eq - 5 < 0 ? 0 : eq - 5]) && match(html, eq - 4, "name") ? "name" : null;
      if (name == null) {
        continue;
      }
      int end = eq + 2;
      while (end < n && html[end] != quote) {
        end++;
      }
      if (end >= n) {
        return;
      }
      String value = new String(html, eq + 2, end - eq - 2, java.nio.charset.StandardCharsets.UTF_8);
      if (name.equals("srcset")) {
        for (int[] url : Urls.srcsetUrls(value)) {
          visitor.visit(name, value.substring(url[0], url[1]));
        }
      } else {
        visitor.visit(name, value);
      }
      eq = end;
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\t' || b == '\r';
  }

  private static boolean match(byte[] html, int at, String s) {
    if (at + s.length() > html.length) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (html[at + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
