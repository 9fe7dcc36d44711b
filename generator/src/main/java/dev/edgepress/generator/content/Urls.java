package dev.edgepress.generator.content;

import dev.edgepress.generator.config.SiteConfig;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Site paths. A site path starts with '/' and is relative to the site root (without the base URL's
 * path): /posts/hello/ is written to posts/hello/index.html.
 */
public final class Urls {

  private static final Pattern TOKEN = Pattern.compile(":(year|month|day|slug|title|sections|section|filename)");

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}_]+");
  private static final Pattern EDGE_DASHES = Pattern.compile("^-+|-+$");
  private static final Pattern DOT_SEGMENTS = Pattern.compile("/(\\./)+");
  private static final Pattern SLASHES = Pattern.compile("/{2,}");
  private static final Pattern DRIVE = Pattern.compile("^/?[A-Za-z]:.*");

  private Urls() {}

  /** Lower-case words joined by '-': "Hello, World!" becomes hello-world. Keeps non-Latin letters. */
  public static String slugify(String text) {
    String s = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
    s = NON_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("-");
    s = EDGE_DASHES.matcher(s).replaceAll("");
    return s;
  }

  /**
   * Expands a permalink pattern such as /:year/:month/:slug/ for a page.
   *
   * @return empty when the pattern needs a date and the page has none
   */
  public static Optional<String> expand(String pattern, SourcePage page, Optional<ZonedDateTime> date) {
    Matcher m = TOKEN.matcher(pattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String token = m.group(1);
      String value;
      switch (token) {
        case "year", "month", "day" -> {
          if (date.isEmpty()) {
            return Optional.empty();
          }
          ZonedDateTime d = date.get();
          value = token.equals("year") ? String.format("%04d", d.getYear())
              : token.equals("month") ? String.format("%02d", d.getMonthValue())
              : String.format("%02d", d.getDayOfMonth());
        }
        case "slug" -> value = page.slugOrName();
        case "title" -> value = slugify(page.front().title().orElse(page.slugOrName()));
        case "section" -> value = topSection(page.section());
        case "sections" -> value = page.section();
        case "filename" -> {
          String n = page.sourcePath().substring(page.sourcePath().lastIndexOf('/') + 1);
          value = n.substring(0, n.length() - 3);
        }
        default -> throw new IllegalStateException(token);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return Optional.of(normalize(out.toString()));
  }

  /**
   * Collapses '//' and './', adds the leading '/', and a trailing '/' unless the last segment has an
   * extension (/feed.xml). Does not resolve '..': {@link #escapes} rejects those.
   */
  public static String normalize(String path) {
    String p = path.trim().replace('\\', '/').replace(' ', '-');
    if (!p.startsWith("/")) {
      p = "/" + p;
    }
    if (p.contains("/./")) {
      p = DOT_SEGMENTS.matcher(p).replaceAll("/");
    }
    if (p.contains("//")) {
      p = SLASHES.matcher(p).replaceAll("/");
    }
    if (p.endsWith("/.")) {
      p = p.substring(0, p.length() - 1);
    }
    String last = p.substring(p.lastIndexOf('/') + 1);
    if (!p.endsWith("/") && !last.contains(".")) {
      p = p + "/";
    }
    return p;
  }

  /** True when a path has a '..' segment, which could write outside the output directory. */
  public static boolean escapes(String path) {
    for (String seg : path.replace('\\', '/').split("/")) {
      if (seg.equals("..")) {
        return true;
      }
    }
    return path.indexOf('\0') >= 0 || DRIVE.matcher(path).matches();
  }

  /** A relative file path with '/' between its names on every system: posts/hello.md. */
  public static String slashed(Path relative) {
    return relative.toString().replace('\\', '/');
  }

  /** The top-level section of a section or site path: posts for posts/2024 or /posts/2024/hello/; '' at the root. */
  public static String topSection(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    int slash = p.indexOf('/');
    return slash < 0 ? p : p.substring(0, slash);
  }

  /**
   * The path to link with for a site path the build made: /posts/hello/ under the base path /blog/ is
   * /blog/posts/hello/. Unlike {@code SiteConfig.url}, which leaves alone a path that already starts
   * with the base path (it takes links as authors write them), this always adds it: the site's own
   * section /blog/ under the base path /blog/ is /blog/blog/.
   */
  public static String link(SiteConfig config, String sitePath) {
    return config.basePath() + sitePath.substring(1);
  }

  /** The site path of a term's page: /tags/java/. */
  public static String termPath(String taxonomy, String slug) {
    return "/" + taxonomy + "/" + slug + "/";
  }

  /** The file that serves a site path: /a/b/ is a/b/index.html, /a/b.xml is a/b.xml. */
  public static String outputFile(String sitePath) {
    String p = sitePath.startsWith("/") ? sitePath.substring(1) : sitePath;
    return p.isEmpty() || p.endsWith("/") ? p + "index.html" : p;
  }
}
