package dev.edgepress.maven;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.links.SiteCheck;
import java.io.File;
import java.time.Duration;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the built site's links: every internal link and #anchor (as every build does) and, with
 * -Dedgepress.external, every link to another site, one request at a time per host.
 */
@Mojo(name = "check", threadSafe = true)
public class CheckMojo extends AbstractSiteMojo {

  /** The built site. */
  @Parameter(property = "edgepress.outputDirectory", defaultValue = "${project.build.directory}/site", required = true)
  File outputDirectory;

  /** Also check links to other sites. */
  @Parameter(property = "edgepress.external", defaultValue = "false")
  boolean external;

  /** Seconds to wait for another site to answer. */
  @Parameter(property = "edgepress.timeout", defaultValue = "10")
  int timeout;

  /** Milliseconds between two requests to the same host. */
  @Parameter(property = "edgepress.perHostDelay", defaultValue = "1000")
  int perHostDelay;

  @Override
  void run() throws MojoFailureException {
    if (!new File(outputDirectory, "index.html").isFile() && !outputDirectory.isDirectory()) {
      throw new MojoFailureException("Nothing to check: " + outputDirectory + " does not exist. Build the site first"
          + " (mvn edgepress:build edgepress:check).");
    }
    if (timeout < 1 || perHostDelay < 0) {
      throw new MojoFailureException("<timeout> (-Dedgepress.timeout) must be 1 or more seconds and <perHostDelay>"
          + " (-Dedgepress.perHostDelay) 0 or more milliseconds");
    }
    // The check needs the site's baseUrl (which absolute links are the site's own), from the same
    // site.yaml the build read: with a broken one it would check against the wrong baseUrl.
    SiteConfig config = loadConfig(layout(), getLog(), "the check");
    SiteCheck check = new SiteCheck(outputDirectory.toPath(), config.baseUrl());
    List<Problem> internal = check.internal();
    internal.forEach(p -> getLog().error(p.toString()));
    int failures = internal.size();
    if (external) {
      List<SiteCheck.External> broken = check.external(new SiteCheck.Options(true, Duration.ofSeconds(timeout),
          Duration.ofMillis(perHostDelay), 8));
      for (SiteCheck.External e : broken) {
        getLog().error(e.url() + ": " + e.problem() + " (on " + String.join(", ", e.pages()) + ")");
      }
      failures += broken.size();
    }
    if (failures > 0) {
      throw new MojoFailureException(failures + (failures == 1 ? " broken link" : " broken links")
          + " (listed above); fix them and run the check again.");
    }
    getLog().info("All links resolve" + (external ? ", including those to other sites" : ""));
  }
}
