package dev.edgepress.generator.content;

import dev.edgepress.generator.config.SiteConfig;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * Resolves '.' and '..' in an absolute path as RFC 3986 (5.2.4) and browsers do: a last segment
   * of either ends in a folder ({@code /posts/a/..} is {@code /posts/}), and climbing above the
   * root stays there. Empty segments are dropped, as S3 keys have none.
   */
  public static String removeDotSegments(String path) {
    if (!path.contains("/.") && !path.contains("//")) {
      return path;
    }
    String[] parts = path.split("/", -1);
    List<String> out = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i];
      boolean last = i == parts.length - 1;
      if (p.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
      } else if (!p.equals(".") && !p.isEmpty()) {
        out.add(p);
        continue;
      }
      if (last) {
        out.add("");
      }
    }
    return "/" + String.join("/", out);
  }

  /**
   * Where the URLs of a srcset attribute's value stand ({@code a.png 1x, a@2x.png 2x}): pairs of
   * start and end indexes, as the HTML standard's srcset parser splits candidates (a URL runs to
   * the next whitespace, less the commas it ends with; descriptors run to the next comma).
   */
  public static List<int[]> srcsetUrls(String value) {
    List<int[]> urls = new ArrayList<>();
    int n = value.length();
    int pos = 0;
    while (true) {
      while (pos < n && (value.charAt(pos) == ',' || Character.isWhitespace(value.charAt(pos)))) {
        pos++;
      }
      if (pos >= n) {
        return urls;
      }
      int start = pos;
      while (pos < n && !Character.isWhitespace(value.charAt(pos))) {
        pos++;
      }
      int end = pos;
      while (end > start && value.charAt(end - 1) == ',') {
        end--;
      }
      if (end > start) {
        urls.add(new int[] {start, end});
      }
      if (end == pos) {
        // Descriptors follow, up to the comma that ends the candidate (none inside parentheses).
        int depth = 0;
        while (pos < n && (value.charAt(pos) != ',' || depth > 0)) {
          char c = value.charAt(pos++);
          depth += c == '(' ? 1 : c == ')' && depth > 0 ? -1 : 0;
        }
      }
    }
  }

  /** {@code srcset} with each of its URLs replaced by what {@code replace} makes of it, descriptors kept. */
  public static String replaceSrcsetUrls(String srcset, java.util.function.UnaryOperator<String> replace) {
    StringBuilder out = new StringBuilder(srcset.length() + 32);
    int last = 0;
    for (int[] url : srcsetUrls(srcset)) {
      out.append(srcset, last, url[0]).append(replace.apply(srcset.substring(url[0], url[1])));
      last = url[1];
    }
    return out.append(srcset, last, srcset.length()).toString();
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

  /**
   * A URL made ASCII, as sitemaps and feeds need it (an IRI turned into a URI, RFC 3987 3.1): each
   * character outside ASCII is written as the percent-encoded bytes of its UTF-8, and so are spaces,
   * control characters and {@code " < > \ ^ ` { | }}. Everything else, '%' included, is kept, so a URL
   * already encoded stays as it is: /Über-uns/ is /%C3%9Cber-uns/, and that again.
   */
  public static String encode(String url) {
    int i = 0;
    int n = url.length();
    while (i < n && !needsEncoding(url.charAt(i))) {
      i++;
    }
    if (i == n) {
      return url;
    }
    StringBuilder out = new StringBuilder(n + 16).append(url, 0, i);
    for (; i < n; i++) {
      char c = url.charAt(i);
      if (!needsEncoding(c)) {
        out.append(c);
        continue;
      }
      int end = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(url.charAt(i + 1)) ? i + 2 : i + 1;
      for (byte b : url.substring(i, end).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
      }
      i = end - 1;
    }
    return out.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static boolean needsEncoding(char c) {
    return c <= ' ' || c >= 0x7F || "\"<>\\^`{|}".indexOf(c) >= 0;
  }

  /**
   * An attribute's value as the HTML has it (href="a&amp;b.md", as commonmark escapes &, <, > and ")
   * as it was written (a&b.md).
   */
  public static String unescapeAttribute(String value) {
    return value.indexOf('&') < 0 ? value
        : value.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
  }

  /**
   * A link's path with its %XX sequences decoded as UTF-8 (/%C3%9Cber-uns/ is /Über-uns/,
   * Über%20uns.md is Über uns.md), to compare with the paths of pages and files. '+' stays '+' (it is
   * a space only in query strings), and a '%' not followed by two hex digits, or bytes that are not
   * UTF-8, are kept as written.
   */
  public static String decodePath(String path) {
    int pct = path.indexOf('%');
    if (pct < 0) {
      return path;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(path.length());
    StringBuilder out = new StringBuilder(path.length()).append(path, 0, pct);
    int i = pct;
    int n = path.length();
    while (i < n) {
      char c = path.charAt(i);
      if (c == '%' && i + 2 < n && hex(path.charAt(i + 1)) >= 0 && hex(path.charAt(i + 2)) >= 0) {
        bytes.reset();
        int start = i;
        while (i + 2 < n && path.charAt(i) == '%' && hex(path.charAt(i + 1)) >= 0 && hex(path.charAt(i + 2)) >= 0) {
          bytes.write(hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2)));
          i += 3;
        }
        try {
          out.append(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
              .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())));
        } catch (java.nio.charset.CharacterCodingException e) {
          out.append(path, start, i);
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static int hex(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
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
