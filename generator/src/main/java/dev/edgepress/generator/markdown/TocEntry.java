package dev.edgepress.generator.markdown;

/** A heading of a page: its level (1-6), its text and its id (the anchor #id). */
public record TocEntry(int level, String text, String id) {}
