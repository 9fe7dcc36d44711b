package dev.edgepress.generator.render;

import dev.edgepress.generator.cache.Deps;

/**
 * One term of a taxonomy (the tag "Java"): its name as first written, URL and page count. Reading it
 * counts, for the build cache, as reading the term.
 */
public record Term(String taxonomy, String name, String slug, String url, int count) {

  private void read() {
    Deps.read("k:" + taxonomy + "/" + slug);
  }

  @Override
  public String name() {
    read();
    return name;
  }

  @Override
  public String url() {
    read();
    return url;
  }

  @Override
  public int count() {
    read();
    return count;
  }
}
