package dev.edgepress.generator.render;

import java.util.List;

/**
 * One page of a paginated list.
 *
 * @param number 1-based
 * @param prev URL of the previous page of the list, or null
 * @param next URL of the next page of the list, or null
 */
public record Paginator(
    List<Page> pages, int number, int totalPages, int totalItems, String first, String last,
    String prev, String next, List<String> urls) {

  public boolean hasPrev() {
    return prev != null;
  }

  public boolean hasNext() {
    return next != null;
  }
}
