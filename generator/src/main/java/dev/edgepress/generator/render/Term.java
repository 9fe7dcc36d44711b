package dev.edgepress.generator.render;

/** One term of a taxonomy (the tag "Java"): its name as first written, URL and page count. */
public record Term(String taxonomy, String name, String slug, String url, int count) {}
