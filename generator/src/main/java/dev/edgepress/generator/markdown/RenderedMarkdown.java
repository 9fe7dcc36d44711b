package dev.edgepress.generator.markdown;

import java.util.List;

/**
 * A page body rendered to HTML.
 *
 * @param summaryHtml the text before {@code <!--more-->}, else the front matter summary, else the
 *     first paragraph
 * @param truncated whether the summary is shorter than the content (a "read more" link is useful)
 */
public record RenderedMarkdown(
    String html, String summaryHtml, boolean truncated, List<TocEntry> toc, int wordCount) {

  /** Minutes to read at 200 words a minute, at least 1. */
  public int readingTime() {
    return Math.max(1, (wordCount + 199) / 200);
  }
}
