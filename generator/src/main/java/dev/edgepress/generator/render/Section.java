package dev.edgepress.generator.render;

import java.util.List;

/**
 * A folder of content/ with its pages (sorted: weight, then newest first, then title) and its
 * sub-sections.
 */
public record Section(String path, String name, Page page, List<Page> pages, List<String> sections) {}
