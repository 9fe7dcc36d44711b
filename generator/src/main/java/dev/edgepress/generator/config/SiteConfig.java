package dev.edgepress.generator.config;

import dev.edgepress.generator.content.Urls;
import dev.edgepress.generator.headers.SecurityHeaders;
import dev.edgepress.headers.HeaderRules;
import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The site's settings from site.yaml, validated. Immutable.
 *
 * @param baseUrl absolute URL of the site's root, always ending in '/'
 * @param basePath path part of baseUrl, always starting and ending in '/'
 * @param permalinks section name to pattern, e.g. posts: /:year/:month/:slug/
 * @param mainSections sections whose pages appear on the home page and in the site feed; empty
 *     means the section with the most pages
 * @param securityHeaders the {@code headers} key: what every response carries, in production and
 *     while serving
 * @param contact the {@code contact} key: the contact form's settings, when the site has one
 * @param cacheRules the {@code cacheRules} key: Cache-Control by glob, for the publisher and the
 *     preview server
 * @param themeLine the line of the {@code theme} key in site.yaml, for messages about the theme
 * @param highlight the {@code highlight} key: whether fenced code blocks are highlighted at build
 *     time (default true)
 * @param unsafeHtml the {@code markdown.unsafeHtml} key: whether raw HTML in Markdown passes
 *     through as written (default true); when false only safe tags and attributes are kept
 */
public record SiteConfig(
    String title,
    URI baseUrl,
    String basePath,
    String language,
    Map<String, Object> author,
    String description,
    Map<String, List<MenuItem>> menus,
    List<Taxonomy> taxonomies,
    Map<String, String> permalinks,
    int paginationSize,
    String paginationPath,
    int feedLimit,
    List<String> mainSections,
    ZoneId timeZone,
    Optional<String> theme,
    Map<String, Object> params,
    SecurityHeaders securityHeaders,
    Optional<ContactSettings> contact,
    HeaderRules cacheRules,
    int themeLine,
    boolean highlight,
    boolean unsafeHtml) {

  public static final String DEFAULT_PERMALINK = "/:sections/:slug/";

  private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

  /**
   * The path to link with: a site path (/about/) gets the base URL's path (/blog/about/); an
   * absolute URL, a '//' URL or a '#fragment' is returned as it is; a path that already starts with
   * the base path is left alone.
   */
  public String url(String path) {
    if (path == null || path.isEmpty()) {
      return basePath;
    }
    boolean rooted = path.charAt(0) == '/' && !path.startsWith("//");
    if (!rooted && (SCHEME.matcher(path).matches() || path.startsWith("//") || path.startsWith("#"))) {
      return path;
    }
    if (!basePath.equals("/") && path.startsWith(basePath)) {
      return path;
    }
    return basePath + (path.startsWith("/") ? path.substring(1) : path);
  }

  /**
   * The absolute URL of a site path: https://example.com/blog/about/ for /about/; ASCII, as feeds,
   * sitemaps and other sites need it (/Über uns/ is /%C3%9Cber%20uns/, see {@link Urls#encode}).
   */
  public String absoluteUrl(String path) {
    if (path != null && (path.startsWith("//") || !path.startsWith("/") && SCHEME.matcher(path).matches())) {
      return path;
    }
    return baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + Urls.encode(url(path));
  }
}
