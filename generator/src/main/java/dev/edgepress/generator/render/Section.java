package dev.edgepress.generator.render;

import dev.edgepress.generator.cache.Deps;
import java.util.List;

/**
 * A folder of content/ with its pages (sorted: weight, then newest first, then title) and its
 * sub-sections. Reading any of it counts, for the build cache, as reading the section.
 */
public record Section(String path, String name, Page page, List<Page> pages, List<String> sections) {

  private void read() {
    Deps.read("sec:" + path);
  }

  @Override
  public String path() {
    read();
    return path;
  }

  @Override
  public String name() {
    read();
    return name;
  }

  @Override
  public Page page() {
    read();
    return page;
  }

  /** Its pages are a read of their own: a list of sub-sections need not change with them. */
  @Override
  public List<Page> pages() {
    Deps.read("sec:" + path + ":pages");
    return pages;
  }

  @Override
  public List<String> sections() {
    read();
    return sections;
  }
}
