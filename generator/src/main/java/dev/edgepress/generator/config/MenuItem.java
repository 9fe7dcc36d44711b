package dev.edgepress.generator.config;

/** One entry of a menu in site.yaml; {@code url} is as written (site-relative or absolute). */
public record MenuItem(String name, String url, int weight) {}
