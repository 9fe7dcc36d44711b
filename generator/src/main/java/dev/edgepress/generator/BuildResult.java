package dev.edgepress.generator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a successful build produced.
 *
 * @param outputDirectory where the site now is
 * @param pages regular content pages rendered
 * @param listPages home, section, taxonomy and term pages, counting each pagination page
 * @param files every file the site has, including static files and aliases
 * @param renderedFiles files rendered by this build, sorted; the others were known unchanged from the
 *     build cache
 * @param elapsed wall time of the build
 */
public record BuildResult(
    Path outputDirectory, int pages, int listPages, int files, List<String> renderedFiles, Duration elapsed) {

  /** How many files this build rendered. */
  public int rendered() {
    return renderedFiles.size();
  }
}
