package dev.edgepress.generator.render;

import java.util.List;

/**
 * A folder of content/ with its pages (sorted: weight, then newest first, then title) and its
 * sub-sections. For the build cache, a template reading its pages reads {@link
 * dev.edgepress.generator.cache.DepKey.SectionPages}, anything else {@link
 * dev.edgepress.generator.cache.DepKey.SectionInfo} ({@link ModelReads}).
 */
public record Section(String path, String name, Page page, List<Page> pages, List<String> sections) {}
