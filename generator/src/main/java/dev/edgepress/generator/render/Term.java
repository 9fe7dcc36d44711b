package dev.edgepress.generator.render;

/**
 * One term of a taxonomy (the tag "Java"): its name as first written, URL and page count. For the
 * build cache, a template reading its name, URL or count reads {@link
 * dev.edgepress.generator.cache.DepKey.TermInfo} ({@link ModelReads}).
 */
public record Term(String taxonomy, String name, String slug, String url, int count) {}
