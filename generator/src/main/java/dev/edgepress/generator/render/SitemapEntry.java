package dev.edgepress.generator.render;

import java.time.ZonedDateTime;

/** One URL of sitemap.xml. */
public record SitemapEntry(String loc, ZonedDateTime lastmod) {}
