package dev.edgepress.generator.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one output file read while it was rendered: the templates looked up, the assets asked for,
 * and the fields of pages, sections, terms and the site that its templates looked at. One is made
 * for each file rendered and handed down explicitly: to the template engine, which records model
 * reads as templates resolve attributes, and to the functions that look up templates and assets.
 * The build cache stores the keys with their fingerprints; the next build renders the file again
 * only when one of them changed.
 *
 * <p>Only templates' reads count, not those of the renderer's own Java code sorting or slicing
 * lists: what that code decides (which pages a list shows, a page's neighbours) is part of the
 * output's own fingerprint instead. Not thread-safe: one output renders on one thread.
 */
public final class Reads {

  private final Map<String, Integer> pages = new HashMap<>();
  private final Set<DepKey> keys = new LinkedHashSet<>();

  /** Records a read. */
  public void add(DepKey key) {
    keys.add(key);
  }

  /** Records reads of field groups ({@link DepKey.Facet#bit()}s, or-ed) of the page made from {@code source}. */
  public void page(String source, int facets) {
    Integer had = pages.get(source);
    if (had == null || (had & facets) != facets) {
      pages.put(source, had == null ? facets : had | facets);
    }
  }

  /** Every key read, page field groups included. */
  public DepKey[] keys() {
    List<DepKey> all = new ArrayList<>(keys.size() + pages.size() * 2);
    all.addAll(keys);
    pages.forEach((src, facets) -> {
      for (DepKey.Facet f : DepKey.Facet.values()) {
        if ((facets & f.bit()) != 0) {
          all.add(new DepKey.PageData(src, f));
        }
      }
    });
    return all.toArray(DepKey[]::new);
  }
}
