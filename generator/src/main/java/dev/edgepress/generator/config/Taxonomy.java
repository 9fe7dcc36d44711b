package dev.edgepress.generator.config;

/**
 * A way of classifying pages, such as tags. {@code plural} is the front matter key and the URL
 * segment ({@code /tags/}); {@code singular} names one term in templates.
 */
public record Taxonomy(String singular, String plural) {}
