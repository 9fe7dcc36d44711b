package dev.edgepress.maven;

import dev.edgepress.generator.BuildException;
import dev.edgepress.generator.BuildListener;
import dev.edgepress.generator.BuildResult;
import dev.edgepress.generator.Generator;
import dev.edgepress.generator.Problem;
import java.io.File;
import java.io.UncheckedIOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds the site: Markdown in content/ through the theme's templates into target/site. A failed
 * build lists every problem (file:line: what to do) and leaves the previous target/site as it was.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildMojo extends AbstractEdgepressMojo {

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

  /** Where the site is written. */
  @Parameter(property = "edgepress.outputDirectory", defaultValue = "${project.build.directory}/site", required = true)
  File outputDirectory;

  /** Include pages with draft: true. */
  @Parameter(property = "edgepress.drafts", defaultValue = "false")
  boolean drafts;

  /** Include pages whose date (or publishDate) is in the future. */
  @Parameter(property = "edgepress.future", defaultValue = "false")
  boolean future;

  /** Include pages whose expiryDate has passed. */
  @Parameter(property = "edgepress.expired", defaultValue = "false")
  boolean expired;

  /** Replaces baseUrl from site.yaml, e.g. for a staging copy of the site. */
  @Parameter(property = "edgepress.baseUrl")
  String baseUrl;

  /** Rendering threads; 0 means one per core. */
  @Parameter(property = "edgepress.threads", defaultValue = "0")
  int threads;

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    if (!siteDirectory.isDirectory()) {
      throw new MojoFailureException("The site folder " + siteDirectory + " does not exist; set <siteDirectory> in"
          + " the plugin's <configuration> or -Dedgepress.siteDirectory=PATH");
    }
    if (threads < 0) {
      throw new MojoFailureException("<threads> (-Dedgepress.threads) must be 0 (one per core) or more, not " + threads);
    }
    Log log = getLog();
    Generator.Builder builder = Generator.builder(siteDirectory.toPath())
        .outputDirectory(outputDirectory.toPath())
        .includeDrafts(drafts)
        .includeFuture(future)
        .includeExpired(expired)
        .baseUrl(baseUrl)
        .threads(threads)
        .themeClassLoader(getClass().getClassLoader())
        .listener(new BuildListener() {
          @Override
          public void info(String message) {
            log.info(message);
          }

          @Override
          public void warn(String message) {
            log.warn(message);
          }

          @Override
          public void debug(String message) {
            log.debug(message);
          }
        });
    if (configFile != null) {
      builder.configFile(configFile.toPath());
    }
    if (contentDirectory != null) {
      builder.contentDirectory(contentDirectory.toPath());
    }
    if (staticDirectory != null) {
      builder.staticDirectory(staticDirectory.toPath());
    }
    if (templatesDirectory != null) {
      builder.templatesDirectory(templatesDirectory.toPath());
    }
    if (dataDirectory != null) {
      builder.dataDirectory(dataDirectory.toPath());
    }
    try {
      BuildResult result = builder.build().build();
      log.info(String.format("Built %d pages and %d list pages (%d files) into %s in %d ms",
          result.pages(), result.listPages(), result.files(), result.outputDirectory(), result.elapsed().toMillis()));
    } catch (BuildException e) {
      for (Problem p : e.problems()) {
        log.error(p.toString());
      }
      int n = e.problems().size();
      throw new MojoFailureException("The site has " + n + (n == 1 ? " problem" : " problems")
          + " (listed above); " + outputDirectory + " was left as it was. Fix them and run the build again.");
    } catch (UncheckedIOException e) {
      throw new MojoExecutionException("Cannot read or write the site: " + e.getMessage(), e);
    }
  }
}
