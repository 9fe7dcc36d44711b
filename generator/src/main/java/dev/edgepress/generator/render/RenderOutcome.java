package dev.edgepress.generator.render;

import java.util.Set;

/**
 * What rendering the site produced, for the build's result, the link check, the cache and the log.
 *
 * @param pages regular pages
 * @param contentPages pages made from Markdown files: regular pages, and home and section pages with
 *     an _index.md
 * @param listPages home, section, taxonomy and term pages, each page of a paginated list counted
 * @param files files written into the staged output
 * @param renderedFiles output files rendered by this build (the rest were known unchanged from the cache)
 * @param changedIds files rendered again whose element ids are not those of the last build (#links to
 *     them may break)
 * @param failedFiles output files whose rendering failed (their problems are reported): links to
 *     them are not reported as broken as well
 * @param unresolvedLinks links to Markdown files that are no pages, as written, reported with their
 *     lines already: not reported again as broken links
 * @param planNanos time spent deciding what to render (selection, lists, fingerprints)
 * @param markdownNanos time spent rendering regular pages (Markdown and template)
 * @param outputNanos time spent rendering lists, feeds and the other files
 */
public record RenderOutcome(int pages, int contentPages, int listPages, int files, Set<String> renderedFiles, Set<String> changedIds,
    Set<String> failedFiles, Set<String> unresolvedLinks, long planNanos, long markdownNanos, long outputNanos) {

  public RenderOutcome {
    renderedFiles = Set.copyOf(renderedFiles);
    changedIds = Set.copyOf(changedIds);
    failedFiles = Set.copyOf(failedFiles);
    unresolvedLinks = Set.copyOf(unresolvedLinks);
  }

  /** Output files rendered (not known unchanged from the cache). */
  public int rendered() {
    return renderedFiles.size();
  }
}
