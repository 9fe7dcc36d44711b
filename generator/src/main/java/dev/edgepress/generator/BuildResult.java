package dev.edgepress.generator;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a successful build produced.
 *
 * @param outputDirectory where the site now is
 * @param pages regular content pages rendered
 * @param listPages home, section, taxonomy and term pages, counting each pagination page
 * @param files every file written, including static files and aliases
 * @param elapsed wall time of the build
 */
public record BuildResult(
    Path outputDirectory, int pages, int listPages, int files, Duration elapsed) {}
