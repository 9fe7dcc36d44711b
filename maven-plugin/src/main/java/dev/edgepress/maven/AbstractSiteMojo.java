package dev.edgepress.maven;

import dev.edgepress.generator.Problems;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.config.SiteConfigLoader;
import dev.edgepress.generator.config.SiteLayout;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that read the site's own files (build, serve, check): where those files are, as one
 * {@link SiteLayout}, so that the three goals always agree.
 */
abstract class AbstractSiteMojo extends AbstractEdgepressMojo {

  /** The site's folder: where site.yaml, content/, static/, templates/ and data/ are. */
  @Parameter(property = "edgepress.siteDirectory", defaultValue = "${project.basedir}", required = true)
  File siteDirectory;

  /** The site settings file. Default: site.yaml in the site folder. */
  @Parameter(property = "edgepress.configFile")
  File configFile;

  /** Markdown pages and the files beside them. Default: content/ in the site folder. */
  @Parameter(property = "edgepress.contentDirectory")
  File contentDirectory;

  /** Files copied as they are. Default: static/ in the site folder. */
  @Parameter(property = "edgepress.staticDirectory")
  File staticDirectory;

  /** Templates that override the theme's, by path. Default: templates/ in the site folder. */
  @Parameter(property = "edgepress.templatesDirectory")
  File templatesDirectory;

  /** YAML and JSON files shown to templates as data.NAME. Default: data/ in the site folder. */
  @Parameter(property = "edgepress.dataDirectory")
  File dataDirectory;

  /** Where the site's files are: the usual places in {@link #siteDirectory}, less what the parameters move. */
  SiteLayout layout() throws MojoFailureException {
    if (siteDirectory == null || !siteDirectory.isDirectory()) {
      throw new MojoFailureException("The site folder " + siteDirectory + " does not exist; set <siteDirectory> in"
          + " the plugin's <configuration> or -Dedgepress.siteDirectory=PATH");
    }
    return SiteLayout.of(siteDirectory.getAbsoluteFile().toPath()).with(absolute(configFile),
        absolute(contentDirectory), absolute(staticDirectory), absolute(templatesDirectory), absolute(dataDirectory));
  }

  /**
   * The layout's site.yaml, or a failure that lists its problems (file:line) in the log first.
   *
   * @param goal how the failure's message names the goal to run again ("the check")
   */
  static SiteConfig loadConfig(SiteLayout layout, Log log, String goal)
      throws MojoFailureException {
    Problems problems = new Problems();
    SiteConfig config = SiteConfigLoader.load(layout.configFile(), Optional.empty(), problems, new ArrayList<>());
    if (!problems.isEmpty()) {
      problems.list().forEach(p -> log.error(p.toString()));
      throw new MojoFailureException(layout.configFile().getFileName() + " has " + problems.list().size()
          + " problem(s), listed above; fix them (mvn edgepress:build reports the same) and run " + goal + " again.");
    }
    return config;
  }

  private static Optional<Path> absolute(File file) {
    return Optional.ofNullable(file).map(f -> f.getAbsoluteFile().toPath());
  }
}
