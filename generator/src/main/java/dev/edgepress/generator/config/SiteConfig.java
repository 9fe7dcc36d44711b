package dev.edgepress.generator.config;

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
    Map<String, Object> params) {

  public static final String DEFAULT_PERMALINK = "/:sections/:slug/";
}
