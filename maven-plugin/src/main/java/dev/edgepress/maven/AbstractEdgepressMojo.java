package dev.edgepress.maven;

import dev.edgepress.generator.BuildListener;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;

/** Owns execute(): the skip check, then the goal's one method. */
abstract class AbstractEdgepressMojo extends AbstractMojo {

  /** Skips the goal. */
  @Parameter(property = "edgepress.skip", defaultValue = "false")
  boolean skip;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping (edgepress.skip is set)");
      return;
    }
    run();
  }

  abstract void run() throws MojoExecutionException, MojoFailureException;

  /** The generator's messages, shown in Maven's log. */
  BuildListener logListener() {
    Log log = getLog();
    return new BuildListener() {
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
    };
  }
}
