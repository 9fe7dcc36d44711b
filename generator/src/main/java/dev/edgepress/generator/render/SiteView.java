package dev.edgepress.generator.render;

import dev.edgepress.generator.config.MenuItem;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * The site as templates see it ({@code site.title}, {@code site.pages}, {@code site.menus.main},
 * {@code site.data.authors}).
 *
 * @param pages every regular page, sorted weight, newest first, title
 * @param taxonomies plural name to its terms, sorted by name
 * @param lastmod the newest date of any page, or null; never the build time (builds repeat)
 * @param contact whether site.yaml has a contact form ({@code contact}); only that: the addresses
 *     are never shown to templates, so that no page can publish them
 */
public record SiteView(
    String title,
    String baseUrl,
    String language,
    Map<String, Object> author,
    String description,
    Map<String, List<MenuItem>> menus,
    Map<String, Object> params,
    Map<String, Object> data,
    List<Page> pages,
    List<Section> sections,
    Map<String, List<Term>> taxonomies,
    ZonedDateTime lastmod,
    String feedUrl,
    boolean contact) {

  // What comes from site.yaml is part of every output's fingerprint; what comes from the content
  // (pages, sections, taxonomies, lastmod, data) is recorded when a template reads it ({@link ModelReads}).
}
