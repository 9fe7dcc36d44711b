package dev.edgepress.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
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
}
